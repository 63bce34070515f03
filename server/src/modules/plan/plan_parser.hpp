#pragma once
// The plan parser: a Chinese government work plan (工作方案, .txt or the paragraphs of a .docx) as data —
// its title and its numbered items, each with the responsible units, the lead unit and the deadline.
// Pure: no I/O, no exceptions on bad input (invalid UTF-8 is carried through byte for byte).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::plan {

/// One numbered item of a plan (a task or a heading), in document order.
struct PlanItem {
    std::string number;                  ///< canonical labels joined by "/": "四/（二）/1", "三/（1）", "一/一是"
    std::vector<std::string> labels;     ///< the same path as a list
    int level = 0;                       ///< depth in the tree (0 = top)
    std::string title;                   ///< first sentence without the final 。, or the whole first line
    std::string body;                    ///< the item's own text (label removed, sub-items excluded), lines joined by '\n'
    std::vector<std::string> units;      ///< responsible units as written, lead first, no duplicates
    std::optional<std::string> lead;     ///< the lead unit; nullopt when the item names no units
    std::optional<std::string> deadline; ///< the deadline phrase as written ("2024年12月底前", "30日内", "长期坚持")
    int line = 0;                        ///< 1-based input line where the item starts
};

/// A parsed plan: its title line and every numbered item after the title (the covering notice excluded).
struct ParsedPlan {
    std::string title;
    std::vector<PlanItem> items;
};

/// Parses UTF-8 plan text (a .txt file, or the paragraphs of a .docx joined by '\n'). Never throws on bad input.
///
/// Rules, in brief (the tests and server/tests/plan_samples/ show each one):
/// - Plan start: after a covering notice (通知, 文号) the first line ending in 方案/计划/要点/意见/办法/细则/规划;
///   without a notice, the first such line before the first numbered line, else the first title-like line.
/// - Numbering kinds 一、 （一） 1.(1、1．) （1）(1）) ① 一是; a kind already open becomes a sibling, a kind
///   ranked above the open ones (一 > （一） > 1 > （1） > ① > 一是) closes them, any other nests below.
///   一是/二是 also split a paragraph when they start a sentence or clause (at least two in sequence).
/// - Annotations: bracket groups (（）()[]【】〔〕) holding labelled fields (责任单位：… 牵头单位：… 配合单位：…
///   完成时限：… 责任领导：… — leaders are ignored), verb-marked lists (A牵头，B、C配合 / A、B负责) or, right
///   after a sentence, a bare list of organisation names; and "责任单位：…" clauses. They belong to the item
///   whose text holds them. A separate annotation line belongs to the item whose text it follows, except that
///   when it closes a section (the next item is outside the parent) and neither the parent nor any item inside
///   it has units, it belongs to the parent. The same applies to an annotation ending a paragraph split by
///   inline 一是/二是.
/// - Lead: the first unit marked 牵头, else the first listed (方案 五(二); also what "排在第一位的为牵头单位，下同"
///   notes say, which are dropped).
/// - Deadline: a 完成时限-style field, else the first explicit time phrase of the item's own text.
/// - Ignored: page numbers, lines repeated three times or more (headers), the signature (organisation lines and
///   a bare date), and everything from an attachment marker (附件…) or 抄送 line on.
/// - Text extracted from printed pages (paragraphs indented, lines hard-wrapped): an unindented line after an
///   unfinished one continues the paragraph, and names or dates broken by a line break are joined again.
ParsedPlan parse_plan(std::string_view text);

/// The CLI contract: {"title": …, "items": [{"number", "title", "units", "lead", "deadline"}]}.
/// Invalid UTF-8 is replaced by U+FFFD rather than throwing.
std::string to_json(const ParsedPlan& plan);

// ---- Building blocks of parse_plan, exposed so each can be tested alone. ----

/// Numbering label kinds, in their conventional rank from the top level down.
enum class LabelKind { Chinese, ParenChinese, Arabic, ParenArabic, Circled, Ordinal };

/// A numbering label at the start of a line.
struct Label {
    LabelKind kind = LabelKind::Chinese;
    int value = 0;          ///< 1-based position in its sequence
    std::string canonical;  ///< "一", "（一）", "1", "（1）", "①", "一是"
    std::size_t length = 0; ///< bytes taken by the label, its punctuation and the spaces after it
};

/// The numbering label that starts `line` (already trimmed): 一、 （一） (一) 1. 1、 1． （1） (1) 1） ① 一是.
std::optional<Label> match_label(std::string_view line);

/// What a line is on its own.
enum class LineKind { Blank, PageNoise, Item, Annotation, Date, EndMarker, Text };

/// Classifies one line (lines repeated across pages need the whole document and are handled by parse_plan).
LineKind classify_line(std::string_view line);

/// Responsibility fields of one annotation.
struct Annotation {
    std::vector<std::string> units;        ///< as written, in written order (duplicates possible)
    std::vector<std::string> marked_leads; ///< units marked 牵头 (by a 牵头单位 field or the verb 牵头)
    std::optional<std::string> deadline;   ///< the value of a 完成时限-style field
};

/// Parses the inside of an annotation ("责任单位：A、B", "牵头单位：X；配合单位：Y", "A牵头，B、C配合",
/// "A、B按职责分工负责"); nullopt when the text is not a responsibility annotation.
std::optional<Annotation> parse_annotation(std::string_view content);

/// An annotation found in a paragraph, with its byte range (brackets included).
struct FoundAnnotation {
    Annotation annotation;
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Every annotation in a paragraph, in order: bracket groups and sentences starting with a field label.
std::vector<FoundAnnotation> find_annotations(std::string_view paragraph);

/// The units of `annotation` with the lead first, then the others in written order, without duplicates.
std::vector<std::string> lead_first(const Annotation& annotation);

/// The first explicit deadline phrase in `text`, as written: a date with 前/以前/之前/底前/内 (or followed by
/// 完成), a span with 内 ("30日内", "自印发之日起3个月内"), or 长期坚持. Frequencies (每月…) and validity
/// periods (有效期…) are not deadlines.
std::optional<std::string> find_deadline(std::string_view text);

/// Where the plan starts: its title and the 0-based index of the title's first line (0 and "" when none).
struct PlanStart {
    std::string title;
    std::size_t line = 0;
    std::size_t title_lines = 0; ///< lines the title takes (0 when there is no title line)
};

/// Finds the plan's title line, skipping a covering notice (see parse_plan).
PlanStart find_plan_start(const std::vector<std::string_view>& lines);

/// The lines of `text`, without a leading BOM, split on \n, \r\n or \r.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace hulei::plan
