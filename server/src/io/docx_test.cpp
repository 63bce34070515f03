#include "io/docx.hpp"

#include <gtest/gtest.h>

#include "io/test_support.hpp"

namespace hulei::io {
namespace {

using test_support::expect_validation;
using test_support::make_zip;

constexpr const char* kDocumentOpen =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
    R"(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>)";
constexpr const char* kDocumentClose = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

std::string docx(const std::string& body) {
    return make_zip({
        {"[Content_Types].xml", R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
        {"_rels/.rels",
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
        {"word/document.xml", kDocumentOpen + body + kDocumentClose},
    });
}

TEST(DocxText, ParagraphsRunsTabsBreaksAndTables) {
    const std::string body =
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:jc w:val=\"center\"/></w:pPr>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>关于开展</w:t></w:r><w:r><w:t>困境儿童</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\">排查工作的 </w:t></w:r><w:r><w:t>通知</w:t></w:r></w:p>"
        "<w:p/>"
        "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:tab/><w:t>时间</w:t><w:br/><w:t>2026年12月</w:t></w:r>"
        "<w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del><w:ins><w:r><w:t>（新增）</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>"
        "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>乡镇</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>完成时限</w:t></w:r></w:p><w:p><w:r><w:t>备注</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>城关镇</w:t></w:r></w:p></w:sdtContent></w:sdt>";
    EXPECT_EQ(docx_text(docx(body)),
              "关于开展困境儿童排查工作的 通知\n"
              "\n"
              "一、\t时间\n2026年12月（新增）链接\n"
              "乡镇\n完成时限\n备注\n"
              "城关镇");
}

TEST(DocxText, TextBoxesAreReadOnce) {
    const std::string body =
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        "<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    EXPECT_EQ(docx_text(docx(body)), "文本框\n正文");
}

TEST(DocxText, EmptyBodyGivesEmptyText) { EXPECT_EQ(docx_text(docx("")), ""); }

TEST(DocxText, GarbageTruncatedAndIncompleteFilesAreBadFile) {
    expect_validation([] { docx_text("not a word document"); }, "bad_file");
    const std::string whole = docx("<w:p><w:r><w:t>内容</w:t></w:r></w:p>");
    expect_validation([&] { docx_text(std::string_view(whole).substr(0, whole.size() / 2)); }, "bad_file");
    expect_validation([] { docx_text(make_zip({{"xl/workbook.xml", "<workbook/>"}})); }, "bad_file");
    expect_validation([] { docx_text(make_zip({{"word/document.xml", "<w:document><w:body>"}})); }, "bad_file");
}

TEST(DocxText, DeepNestingIsRefusedNotACrash) {
    std::string body;
    for (int i = 0; i < 100'000; ++i) body += "<w:sdt>";
    for (int i = 0; i < 100'000; ++i) body += "</w:sdt>";
    expect_validation([&] { docx_text(docx(body)); }, "bad_file");
}

TEST(DocxText, ZipBombsAreRefused) {
    expect_validation([] { docx_text(make_zip({{"word/document.xml", std::string(std::size_t{65} << 20, ' ')}})); },
                      "bad_file");
    std::vector<std::pair<std::string, std::string>> many;
    for (int i = 0; i <= 10'000; ++i) many.push_back({"word/media/f" + std::to_string(i), ""});
    expect_validation([&] { docx_text(make_zip(many)); }, "bad_file");
}

}  // namespace
}  // namespace hulei::io
