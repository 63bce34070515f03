#include "io/docx.hpp"

#include <pugixml.hpp>
#include <vector>

#include "io/ooxml.hpp"

namespace hulei::io {
namespace {

constexpr std::string_view kBadDocx = "无法读取该文件：不是有效的 .docx 文件";
constexpr std::string_view kNoDocument = "无法读取该文件：.docx 中没有正文";
constexpr std::string_view kTooDeep = "无法读取该文件：文档结构嵌套过深";
/// Real documents nest a few dozen elements deep; the walk is recursive, so deeper input is refused.
constexpr int kMaxDepth = 256;

/// Collects paragraph lines in document order; a paragraph nested in another (a text box) gets its own line.
class ParagraphWalker {
public:
    explicit ParagraphWalker(const ooxml::Package& package) : package_(package) {}

    void walk(pugi::xml_node node, std::string& line, int depth) {
        if (depth > kMaxDepth) package_.fail(kTooDeep);
        const bool in_run = ooxml::local_name(node.name()) == "r";
        for (auto child : node.children()) {
            if (child.type() != pugi::node_element) continue;
            auto name = ooxml::local_name(child.name());
            // mc:Fallback repeats, as VML, a text box already read from mc:Choice.
            if (name == "Fallback") continue;
            if (name == "p") {
                std::string paragraph;
                walk(child, paragraph, depth + 1);
                lines_.push_back(std::move(paragraph));
                continue;
            }
            // Only inside a run: w:tab also names tab stops in paragraph properties.
            if (in_run && name == "t") {
                line += child.text().get();
            } else if (in_run && name == "tab") {
                line += '\t';
            } else if (in_run && (name == "br" || name == "cr")) {
                line += '\n';
            } else if (in_run && name == "noBreakHyphen") {
                line += '-';
            } else {
                walk(child, line, depth + 1);
            }
        }
    }

    std::string text() const {
        std::string out;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (i > 0) out += '\n';
            out += lines_[i];
        }
        return out;
    }

private:
    const ooxml::Package& package_;
    std::vector<std::string> lines_;
};

}  // namespace

std::string docx_text(std::string_view bytes) {
    ooxml::Package package(bytes, std::string(kBadDocx));
    const auto document_part = ooxml::main_part(package, "word/document.xml");
    auto document_text = package.read(document_part);
    if (!document_text) package.fail(kNoDocument);
    pugi::xml_document document;
    ooxml::parse_xml(package, document, *document_text);
    auto root = document.document_element();
    if (ooxml::local_name(root.name()) != "document") package.fail(kNoDocument);
    ParagraphWalker walker(package);
    std::string outside_paragraphs;
    walker.walk(root, outside_paragraphs, 0);
    return walker.text();
}

}  // namespace hulei::io
