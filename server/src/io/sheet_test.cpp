#include "io/sheet.hpp"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "io/test_support.hpp"
#include "io/xlsx_writer.hpp"

namespace hulei::io {
namespace {

using Row = std::vector<std::string>;
using test_support::expect_validation;
using test_support::make_zip;

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string to_gb18030(std::string_view utf8) {
    std::string out(utf8.size() * 2 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                  static_cast<int32_t>(utf8.size()), &status);
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    out.resize(static_cast<std::size_t>(length));
    return out;
}

/// A minimal but complete .xlsx: one visible worksheet, optional shared strings and styles.
std::string minimal_xlsx(const std::string& sheet_data, const std::string& shared_strings = "",
                         const std::string& cell_xfs = "", const std::string& workbook_pr = "") {
    std::string ns = std::string("xmlns=\"") + kMainNs + "\"";
    std::vector<std::pair<std::string, std::string>> entries = {
        {"[Content_Types].xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)"},
        {"_rels/.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
        {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + ns + " xmlns:r=\"" + kRelNs +
                                "\">" + workbook_pr +
                                "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>)"},
        {"xl/worksheets/sheet1.xml", "<worksheet " + ns + "><sheetData>" + sheet_data + "</sheetData></worksheet>"},
    };
    if (!shared_strings.empty()) entries.push_back({"xl/sharedStrings.xml", "<sst " + ns + ">" + shared_strings + "</sst>"});
    if (!cell_xfs.empty()) entries.push_back({"xl/styles.xml", "<styleSheet " + ns + ">" + cell_xfs + "</styleSheet>"});
    return make_zip(entries);
}

// ---------------------------------------------------------------- CSV

TEST(ReadCsv, QuotesCommasAndEmbeddedNewlines) {
    auto sheet = read_csv("姓名,地址,备注\n"
                          "张三,\"城关镇,幸福村\",\"第一行\n第二行\"\n"
                          "\"李\"\"四\"\"\",\"\",x\n");
    EXPECT_EQ(sheet.headers, (Row{"姓名", "地址", "备注"}));
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0], (Row{"张三", "城关镇,幸福村", "第一行\n第二行"}));
    EXPECT_EQ(sheet.rows[1], (Row{"李\"四\"", "", "x"}));
    EXPECT_EQ(sheet.source_rows, (std::vector<std::size_t>{2, 3}));
}

TEST(ReadCsv, BomCrlfTrimmingEmptyRowsAndRaggedRows) {
    auto sheet = read_csv("\xEF\xBB\xBF 姓名 ,\xE3\x80\x80身份证号码\xE3\x80\x80,电话\r\n"
                          "\r\n"
                          " , ,\r\n"
                          "王五,110101201001011234\r\n"
                          "赵六,11010120100101123X,13800000000,多余\r\n"
                          "\"\xE3\x80\x80钱七\",\"  \",\"\"");
    EXPECT_EQ(sheet.headers, (Row{"姓名", "身份证号码", "电话"}));
    ASSERT_EQ(sheet.rows.size(), 3u);
    EXPECT_EQ(sheet.rows[0], (Row{"王五", "110101201001011234", ""}));
    EXPECT_EQ(sheet.rows[1], (Row{"赵六", "11010120100101123X", "13800000000"}));
    EXPECT_EQ(sheet.rows[2], (Row{"钱七", "", ""}));
    EXPECT_EQ(sheet.source_rows, (std::vector<std::size_t>{4, 5, 6}));
}

TEST(ReadCsv, LoneCarriageReturnsEndRecords) {
    auto sheet = read_csv("a,b\r1,2\r");
    EXPECT_EQ(sheet.headers, (Row{"a", "b"}));
    ASSERT_EQ(sheet.rows.size(), 1u);
    EXPECT_EQ(sheet.rows[0], (Row{"1", "2"}));
}

TEST(ReadCsv, DecodesGbkAsExcelInChinaSavesIt) {
    const std::string utf8 = "姓名,村（社区）,身份证号码\r\n张三,幸福村,110101201001011234\r\n䶮㐀,镕,\r\n";
    const std::string gbk = to_gb18030(utf8);
    ASSERT_FALSE(core::valid_utf8(gbk));
    auto sheet = read_csv(gbk);
    EXPECT_EQ(sheet.headers, (Row{"姓名", "村（社区）", "身份证号码"}));
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0], (Row{"张三", "幸福村", "110101201001011234"}));
    EXPECT_EQ(sheet.rows[1], (Row{"䶮㐀", "镕", ""}));
}

TEST(ReadCsv, UndecodableBytesAreRejected) {
    expect_validation([] { read_csv("name\n\xFF\xFF\xFF\n"); }, "bad_encoding");
}

TEST(ReadCsv, UnclosedQuoteIsRejected) {
    expect_validation([] { read_csv("a,b\n1,\"2\n3,4\n"); }, "bad_file");
}

TEST(ReadCsv, BinaryWithCsvNameIsRejected) {
    expect_validation([] { read_csv(std::string("a,b\n\0\0\0", 7)); }, "bad_file");
}

TEST(ReadCsv, EmptyInputGivesEmptySheet) {
    auto sheet = read_csv("");
    EXPECT_TRUE(sheet.headers.empty());
    EXPECT_TRUE(sheet.rows.empty());
    EXPECT_TRUE(read_csv("\xEF\xBB\xBF\r\n,,\r\n").headers.empty());
}

TEST(ReadCsv, HugeMostlyEmptyTableIsTooLarge) {
    std::string csv(100'000, ',');
    csv += "x\n";
    for (int i = 0; i < 100; ++i) csv += "1\n";
    try {
        read_csv(csv);
        FAIL() << "expected an error";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.kind(), core::ErrorKind::TooLarge);
    }
}

TEST(ColumnOf, AcceptsBothParenthesesAndSpaces) {
    Sheet sheet;
    sheet.headers = {"姓名", " 村（社区） ", "联系 电话", "身份证号码"};
    EXPECT_EQ(column_of(sheet, "村(社区)"), 1);
    EXPECT_EQ(column_of(sheet, "村（社区）"), 1);
    EXPECT_EQ(column_of(sheet, " 村 ( 社区 )"), 1);
    EXPECT_EQ(column_of(sheet, "姓名"), 0);
    EXPECT_EQ(column_of(sheet, "联系电话"), 2);
    EXPECT_EQ(column_of(sheet, "身份证号码\xE3\x80\x80"), 3);
    EXPECT_EQ(column_of(sheet, "性别"), -1);
    EXPECT_EQ(column_of(sheet, "村"), -1);
}

// ---------------------------------------------------------------- XLSX

TEST(ReadXlsx, HandBuiltWorkbookWithEveryCellKind) {
    const std::string ns = std::string("xmlns=\"") + kMainNs + "\"";
    const std::string shared =
        "<si><t>姓名</t></si>"
        "<si><r><rPr><b/></rPr><t>身份证</t></r><r><t xml:space=\"preserve\">号码</t></r></si>"
        "<si><t>110101201001011234</t></si>"
        "<si><t xml:space=\"preserve\">  张三  </t></si>"
        "<si><t>出生日期</t></si>"
        "<si><t>村（社区）</t></si>"
        "<si><t>备注</t></si>"
        "<si><t>第一行_x000D_第二行_x005F_x0041_</t><rPh sb=\"0\" eb=\"1\"><t>ディ</t></rPh></si>";
    const std::string styles =
        "<numFmts count=\"2\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
        "<numFmt numFmtId=\"177\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/></numFmts>"
        "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"176\"/>"
        "<xf numFmtId=\"177\"/><xf numFmtId=\"20\"/></cellXfs>";
    const std::string visible_sheet =
        "<worksheet " + ns + "><dimension ref=\"A1:G8\"/><sheetData>"
        "<row r=\"1\"/>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>4</v></c>"
        "<c r=\"D2\" t=\"inlineStr\"><is><t>人数</t></is></c><c r=\"E2\" t=\"s\"><v>5</v></c>"
        "<c r=\"F2\" t=\"s\"><v>6</v></c><c r=\"G2\" s=\"1\"/></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"C3\" s=\"1\"><v>44927</v></c><c r=\"D3\"><v>3</v></c>"
        "<c r=\"F3\" t=\"s\"><v>7</v></c></row>"
        "<row r=\"5\" spans=\"1:6\"><c r=\"A5\" t=\"inlineStr\"><is><r><t>李</t></r><r><t>四</t></r></is></c>"
        "<c r=\"B5\" t=\"s\"><v>2</v></c><c r=\"C5\" s=\"2\"><v>40179.75</v></c>"
        "<c r=\"D5\" s=\"3\"><v>0.30000000000000004</v></c><c r=\"E5\" t=\"b\"><v>1</v></c>"
        "<c r=\"F5\" t=\"str\"><f>A5&amp;\"\"</f><v>公式结果</v></c></row>"
        "<row r=\"6\"><c r=\"A6\" s=\"1\"/><c r=\"B6\"><v>1.10101199001011E+17</v></c><c r=\"D6\" s=\"4\"><v>0.5</v></c>"
        "<c r=\"E6\" t=\"e\"><v>#N/A</v></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>\xE3\x80\x80</t></is></c></row>"
        "<row r=\"8\"><c r=\"H8\" t=\"inlineStr\"><is><t>表头以外</t></is></c></row>"
        "</sheetData></worksheet>";
    const std::string hidden_sheet = "<worksheet " + ns +
                                     "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>下拉选项</t></is>"
                                     "</c></row></sheetData></worksheet>";
    auto bytes = make_zip({
        {"_rels/.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
        {"xl/workbook.xml", "<workbook " + ns + " xmlns:r=\"" + kRelNs +
                                "\"><sheets><sheet name=\"选项\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
                                "<sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"},
        {"xl/worksheets/sheet1.xml", visible_sheet},
        {"xl/worksheets/sheet2.xml", hidden_sheet},
        {"xl/sharedStrings.xml", "<sst " + ns + ">" + shared + "</sst>"},
        {"xl/styles.xml", "<styleSheet " + ns + ">" + styles + "</styleSheet>"},
    });

    auto sheet = read_xlsx(bytes);
    EXPECT_EQ(sheet.headers, (Row{"姓名", "身份证号码", "出生日期", "人数", "村（社区）", "备注"}));
    ASSERT_EQ(sheet.rows.size(), 3u);
    EXPECT_EQ(sheet.rows[0], (Row{"张三", "", "2023-01-01", "3", "", "第一行\r第二行_x0041_"}));
    EXPECT_EQ(sheet.rows[1], (Row{"李四", "110101201001011234", "2010-01-01", "0.3", "TRUE", "公式结果"}));
    EXPECT_EQ(sheet.rows[2], (Row{"", "110101199001011000", "", "0.5", "#N/A", ""}));
    EXPECT_EQ(sheet.source_rows, (std::vector<std::size_t>{3, 5, 6}));
    EXPECT_EQ(column_of(sheet, "村(社区)"), 4);
}

TEST(ReadXlsx, SkippedCellsLandInTheirColumns) {
    auto sheet = read_xlsx(minimal_xlsx(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>丙</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\" s=\"1\"><v>45000</v></c><c r=\"C2\"><v>7.0</v></c></row>"
        "<row><c><v>1</v></c><c/><c><v>-2.50</v></c></row>",
        "<si><t>甲</t></si>", "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"));
    EXPECT_EQ(sheet.headers, (Row{"甲", "", "丙"}));
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0], (Row{"", "2023-03-15", "7"}));
    EXPECT_EQ(sheet.rows[1], (Row{"1", "", "-2.5"}));
    EXPECT_EQ(sheet.source_rows, (std::vector<std::size_t>{2, 3}));
}

TEST(ReadXlsx, ExcelDateEdgesAnd1904Workbooks) {
    const std::string xfs = "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";
    auto rows = read_xlsx(minimal_xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is></c></row>"
                                       "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c></row>"
                                       "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>59</v></c></row>"
                                       "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>61</v></c></row>"
                                       "<row r=\"5\"><c r=\"A5\" s=\"1\"><v>46355.99999999</v></c></row>"
                                       "<row r=\"6\"><c r=\"A6\" s=\"1\"><v>-3</v></c></row>",
                                       "", xfs))
                    .rows;
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0][0], "1900-01-01");
    EXPECT_EQ(rows[1][0], "1900-02-28");
    EXPECT_EQ(rows[2][0], "1900-03-01");
    EXPECT_EQ(rows[3][0], "2026-11-30");
    EXPECT_EQ(rows[4][0], "-3");

    auto sheet1904 = read_xlsx(minimal_xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is></c></row>"
                                            "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>0</v></c></row>",
                                            "", xfs, "<workbookPr date1904=\"1\"/>"));
    ASSERT_EQ(sheet1904.rows.size(), 1u);
    EXPECT_EQ(sheet1904.rows[0][0], "1904-01-01");
}

TEST(ReadXlsx, PrefixedNamespacesAreUnderstood) {
    const std::string x = std::string("xmlns:x=\"") + kMainNs + "\"";
    auto bytes = make_zip({
        {"xl/workbook.xml", "<x:workbook " + x + " xmlns:rel=\"" + kRelNs +
                                "\"><x:sheets><x:sheet name=\"S\" sheetId=\"1\" rel:id=\"R1\"/></x:sheets></x:workbook>"},
        {"xl/_rels/workbook.xml.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/xl/worksheets/s.xml"/></Relationships>)"},
        {"xl/worksheets/s.xml", "<x:worksheet " + x +
                                    "><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>乙</x:t>"
                                    "</x:is></x:c></x:row><x:row r=\"2\"><x:c r=\"B2\"><x:v>2</x:v></x:c></x:row>"
                                    "</x:sheetData></x:worksheet>"},
    });
    auto sheet = read_xlsx(bytes);
    EXPECT_EQ(sheet.headers, (Row{"", "乙"}));
    ASSERT_EQ(sheet.rows.size(), 1u);
    EXPECT_EQ(sheet.rows[0], (Row{"", "2"}));
}

TEST(ReadXlsx, GarbageIsBadFile) {
    expect_validation([] { read_xlsx("this is not a spreadsheet"); }, "bad_file");
    expect_validation([] { read_xlsx(""); }, "bad_file");
    expect_validation([] { read_xlsx(std::string_view("PK\x03\x04\x00\x00garbage", 14)); }, "bad_file");
}

TEST(ReadXlsx, TruncatedZipIsBadFile) {
    const std::string whole = write_xlsx({SheetOut{"名单", {"姓名"}, {{"张三"}}, {}}});
    ASSERT_EQ(read_xlsx(whole).rows.size(), 1u);
    for (std::size_t keep : {whole.size() / 2, whole.size() - 10, std::size_t{30}})
        expect_validation([&] { read_xlsx(std::string_view(whole).substr(0, keep)); }, "bad_file");
}

TEST(ReadXlsx, ZipWithoutWorkbookIsBadFile) {
    expect_validation([] { read_xlsx(make_zip({{"readme.txt", "hello"}})); }, "bad_file");
    expect_validation(
        [] {
            read_xlsx(make_zip({{"word/document.xml", "<w:document xmlns:w=\"x\"/>"},
                                {"_rels/.rels",
                                 R"(<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"}}));
        },
        "bad_file");
}

TEST(ReadXlsx, BrokenXmlAndBadReferencesAreBadFile) {
    expect_validation([] { read_xlsx(minimal_xlsx("<row><c><v>1</v></row>")); }, "bad_file");
    expect_validation([] { read_xlsx(minimal_xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", "<si><t>a</t></si>")); },
                      "bad_file");
    expect_validation([] { read_xlsx(minimal_xlsx("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")); }, "bad_file");
    expect_validation([] { read_xlsx(minimal_xlsx("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>")); }, "bad_file");
    auto no_sheet = make_zip({{"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMainNs + "\"><sheets/></workbook>"}});
    expect_validation([&] { read_xlsx(no_sheet); }, "bad_file");
}

TEST(ReadXlsx, ZipBombsAreRefused) {
    const std::string huge(std::size_t{65} << 20, '0');
    expect_validation([&] { read_xlsx(minimal_xlsx(huge)); }, "bad_file");
    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i <= 10'000; ++i) many.push_back({"f" + std::to_string(i), ""});
    expect_validation([&] { read_xlsx(make_zip(many)); }, "bad_file");
}

TEST(ReadSheet, ChoosesTheReaderByExtensionThenContent) {
    const std::string xlsx = write_xlsx({SheetOut{"s", {"列"}, {{"值"}}, {}}});
    EXPECT_EQ(read_sheet(xlsx, "名单.XLSX").rows[0][0], "值");
    EXPECT_EQ(read_sheet(xlsx, "upload").rows[0][0], "值");
    EXPECT_EQ(read_sheet(xlsx, "renamed.csv").rows[0][0], "值");
    EXPECT_EQ(read_sheet("列\n值\n", "名单.csv").rows[0][0], "值");
    EXPECT_EQ(read_sheet("列\n值\n", "").rows[0][0], "值");
    expect_validation([] { read_sheet("列\n值\n", "名单.xlsx"); }, "bad_file");
    expect_validation([] { read_sheet("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old excel", "名单.xlsx"); }, "unsupported_format");
    expect_validation([] { read_sheet("<html>", "导出.xls"); }, "unsupported_format");
}

// ---------------------------------------------------------------- LibreOffice

TEST(ReadXlsx, ReadsWhatLibreOfficeWrites) {
    ASSERT_TRUE(std::filesystem::exists("/usr/bin/libreoffice")) << "libreoffice-calc is in scripts/debian-packages.txt; run scripts/bootstrap";
    char dir_template[] = "/tmp/hulei-io-lo-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    const std::filesystem::path dir = dir_template;
    {
        std::ofstream csv(dir / "名单.csv", std::ios::binary);
        csv << "姓名,身份证号码,出生日期,人数,村（社区）\n"
               "张三,110101201001011234,2010-01-01,3,幸福村\n"
               "李四,11010120100101123X,2011-02-03,12.5,\"城关镇,东街\"\n";
    }
    // Column 2 imported as text, as an official would to keep the ID numbers; dates are detected as dates.
    const std::string command = "cd '" + dir.string() + "' && /usr/bin/libreoffice -env:UserInstallation=file://" +
                                dir.string() + "/profile --headless --infilter=CSV:44,34,76,1,2/2 " +
                                "--convert-to xlsx --outdir '" + dir.string() + "' '" + (dir / "名单.csv").string() +
                                "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    std::ifstream in(dir / "名单.xlsx", std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(bytes.str().empty());

    auto sheet = read_sheet(bytes.str(), "名单.xlsx");
    EXPECT_EQ(sheet.headers, (Row{"姓名", "身份证号码", "出生日期", "人数", "村（社区）"}));
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_EQ(sheet.rows[0], (Row{"张三", "110101201001011234", "2010-01-01", "3", "幸福村"}));
    EXPECT_EQ(sheet.rows[1], (Row{"李四", "11010120100101123X", "2011-02-03", "12.5", "城关镇,东街"}));
}

}  // namespace
}  // namespace hulei::io
