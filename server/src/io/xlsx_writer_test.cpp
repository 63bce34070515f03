#include "io/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <filesystem>

#include "io/ooxml.hpp"
#include "io/sheet.hpp"

namespace hulei::io {
namespace {

using Row = std::vector<std::string>;

/// The content of one part of a written workbook.
std::string part(const std::string& xlsx, std::string_view name) {
    ooxml::Package package(xlsx, "bad");
    auto content = package.read(name);
    EXPECT_TRUE(content.has_value()) << name;
    return content.value_or("");
}

TEST(WriteXlsx, RoundTripKeepsChineseTextIdNumbersEmptyCellsAndRaggedRows) {
    SheetOut sheet{"困境儿童名单",
                   {"姓名", "身份证号码", "村（社区）", "备注"},
                   {
                       {"张三", "110101201001011234", "幸福村", ""},
                       {"李四", "11010120100101123X"},
                       {"", "007", "", "=1+1"},
                       {"王五", "110101201001011234", "东街", "多行\n备注", "表头以外"},
                       {" 赵六 ", "12.50", "1e5", "TRUE"},
                   },
                   {}};
    auto bytes = write_xlsx({sheet});
    ASSERT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));

    auto read = read_xlsx(bytes);
    EXPECT_EQ(read.headers, sheet.headers);
    ASSERT_EQ(read.rows.size(), 5u);
    EXPECT_EQ(read.rows[0], (Row{"张三", "110101201001011234", "幸福村", ""}));
    EXPECT_EQ(read.rows[1], (Row{"李四", "11010120100101123X", "", ""}));
    EXPECT_EQ(read.rows[2], (Row{"", "007", "", "=1+1"}));
    EXPECT_EQ(read.rows[3], (Row{"王五", "110101201001011234", "东街", "多行\n备注"}));
    EXPECT_EQ(read.rows[4], (Row{"赵六", "12.50", "1e5", "TRUE"}));
    EXPECT_EQ(read.source_rows, (std::vector<std::size_t>{2, 3, 4, 5, 6}));
    // Every cell is text: no number cells, so Excel shows ID numbers in full.
    EXPECT_EQ(part(bytes, "xl/worksheets/sheet1.xml").find("<v>110101201001011234</v>"), std::string::npos);
    EXPECT_NE(part(bytes, "xl/worksheets/sheet1.xml").find("t=\"s\""), std::string::npos);
}

TEST(WriteXlsx, HeaderIsBoldFrozenAndFiltered) {
    auto bytes = write_xlsx({SheetOut{"名单", {"姓名", "电话"}, {{"张三", "13800000000"}, {"李四"}}, {12, 0}}});
    const auto sheet_xml = part(bytes, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet_xml.find("<pane ySplit=\"1\""), std::string::npos) << sheet_xml;
    EXPECT_NE(sheet_xml.find("<autoFilter ref=\"A1:B3\""), std::string::npos) << sheet_xml;
    EXPECT_NE(sheet_xml.find("width=\"12.7"), std::string::npos) << sheet_xml;
    EXPECT_NE(part(bytes, "xl/styles.xml").find("<b/>"), std::string::npos);
}

TEST(WriteXlsx, WatermarkGoesInALastRowTheFooterAndTheProperties) {
    const std::string watermark = "导出人 张三 2026-11-29 14:00";
    auto bytes = write_xlsx({SheetOut{"名单", {"姓名", "电话"}, {{"李四", "1"}, {"王五", "2"}}, {}}}, watermark);
    auto read = read_xlsx(bytes);
    ASSERT_EQ(read.rows.size(), 3u);
    EXPECT_EQ(read.rows[2], (Row{watermark, ""}));
    EXPECT_EQ(read.source_rows[2], 5u);  // after a blank row, outside the filtered data
    EXPECT_NE(part(bytes, "docProps/core.xml").find(watermark), std::string::npos);
    EXPECT_NE(part(bytes, "xl/worksheets/sheet1.xml").find("<oddFooter>&amp;L" + watermark), std::string::npos);
}

TEST(WriteXlsx, SheetNamesAreMadeValidAndUnique) {
    auto bytes = write_xlsx({SheetOut{"2026/11:汇总[县]", {"a"}, {}, {}}, SheetOut{"", {"b"}, {}, {}},
                             SheetOut{"名单", {"c"}, {}, {}}, SheetOut{"名单", {"d"}, {}, {}},
                             SheetOut{"这是一个" + std::string("非常非常非常非常非常非常非常非常非常非常非常非常") + "长的工作表名称", {"e"}, {}, {}}});
    auto workbook = part(bytes, "xl/workbook.xml");
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(workbook.c_str()));
    std::vector<std::string> names;
    for (auto sheet : doc.document_element().child("sheets").children("sheet"))
        names.push_back(sheet.attribute("name").value());
    ASSERT_EQ(names.size(), 5u);
    EXPECT_EQ(names[0], "2026_11_汇总_县_");
    EXPECT_EQ(names[1], "Sheet2");
    EXPECT_EQ(names[2], "名单");
    EXPECT_EQ(names[3], "名单 (2)");
    EXPECT_EQ(names[4], "这是一个非常非常非常非常非常非常非常非常非常非常非常非常长的工");  // 31 characters
    EXPECT_EQ(read_xlsx(bytes).headers, (Row{"a"}));
}

TEST(WriteXlsx, ControlCharactersAndBrokenUtf8StillGiveAValidFile) {
    auto bytes = write_xlsx({SheetOut{"s", {"h"}, {{std::string("a\x01") + "b"}, {"bad \xFF\xFE utf8"}}, {}}});
    auto read = read_xlsx(bytes);
    ASSERT_EQ(read.rows.size(), 2u);
    EXPECT_EQ(read.rows[0][0], "a\x01" "b");
    EXPECT_EQ(read.rows[1][0], "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8");
}

TEST(WriteXlsx, NoSheetsStillMakesAWorkbook) {
    auto read = read_xlsx(write_xlsx({}));
    EXPECT_TRUE(read.headers.empty());
    EXPECT_TRUE(read.rows.empty());
}

TEST(WriteXlsx, LeavesNoTemporaryFileBehind) {
    char dir_template[] = "/tmp/hulei-io-tmp-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    const char* previous = std::getenv("TMPDIR");
    const std::string saved = previous != nullptr ? previous : "";
    setenv("TMPDIR", dir_template, 1);
    auto bytes = write_xlsx({SheetOut{"s", {"h"}, {{"v"}}, {}}});
    if (previous != nullptr) {
        setenv("TMPDIR", saved.c_str(), 1);
    } else {
        unsetenv("TMPDIR");
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir_template));
    std::filesystem::remove_all(dir_template);
    EXPECT_EQ(read_xlsx(bytes).rows.size(), 1u);
}

TEST(WriteXlsx, TenThousandRowsRoundTrip) {
    SheetOut sheet{"大表", {"序号", "姓名", "身份证号码", "村（社区）", "备注"}, {}, {}};
    for (int i = 0; i < 10'000; ++i)
        sheet.rows.push_back({std::to_string(i + 1), "儿童" + std::to_string(i), "1101012010010" + std::to_string(10000 + i),
                              "村" + std::to_string(i % 37), i % 3 == 0 ? "" : "备注"});
    auto read = read_xlsx(write_xlsx({sheet}));
    ASSERT_EQ(read.rows.size(), sheet.rows.size());
    EXPECT_EQ(read.rows[9'999], sheet.rows[9'999]);
    EXPECT_EQ(read.rows[3], sheet.rows[3]);
}

}  // namespace
}  // namespace hulei::io
