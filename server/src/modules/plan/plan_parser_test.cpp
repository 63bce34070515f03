#include "modules/plan/plan_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace hulei::plan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The repository root: found from this file's path (absolute under CMake, relative to the root with the
// documented g++ command) or from the working directory and its parents.
fs::path repo_root() {
    std::vector<fs::path> candidates = {fs::path(__FILE__).parent_path() / ".." / ".." / ".." / ".."};
    for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
        candidates.push_back(dir);
        if (dir == dir.root_path()) break;
    }
    for (const fs::path& dir : candidates) {
        std::error_code ec;
        if (fs::is_directory(dir / "server" / "tests" / "plan_samples", ec)) return fs::weakly_canonical(dir);
    }
    return fs::current_path();
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

fs::path seed_path() {
    if (const char* env = std::getenv("HULEI_SEED_PLAN"); env != nullptr && *env != '\0') return env;
    return repo_root() / ".." / "shared" / "seed" / "000_a50c034196861ed9.txt";
}

const PlanItem* find_item(const ParsedPlan& plan, const std::string& number) {
    for (const PlanItem& item : plan.items)
        if (item.number == number) return &item;
    return nullptr;
}

std::vector<std::string> numbers(const ParsedPlan& plan) {
    std::vector<std::string> out;
    for (const PlanItem& item : plan.items) out.push_back(item.number);
    return out;
}

// ---- The seed plan --------------------------------------------------------------------------------------

class SeedPlan : public ::testing::Test {
protected:
    void SetUp() override {
        const fs::path path = seed_path();
        std::error_code ec;
        ASSERT_TRUE(fs::is_regular_file(path, ec))
            << "seed plan not found at " << path
            << " — CI always has ../shared; set HULEI_SEED_PLAN to its path when running elsewhere";
        plan_ = parse_plan(read_file(path));
    }
    ParsedPlan plan_;
};

TEST_F(SeedPlan, TitleIsThePlanNotTheNotice) { EXPECT_EQ(plan_.title, "五团镇“利剑护蕾·雷霆行动”工作方案"); }

TEST_F(SeedPlan, NumbersEveryItemInOrder) {
    const std::vector<std::string> expected = {
        "一",         "二",         "三",         "四",         "四/（一）",  "四/（二）",  "四/（二）/1",
        "四/（二）/2", "四/（二）/3", "四/（二）/4", "四/（三）",  "四/（三）/1", "四/（三）/2", "四/（三）/3",
        "四/（四）",  "五",         "五/（一）",  "五/（二）",  "五/（三）",  "五/（四）",  "五/（五）"};
    EXPECT_EQ(numbers(plan_), expected);
    ASSERT_FALSE(plan_.items.empty());
    EXPECT_EQ(plan_.items.front().title, "总体要求");
    EXPECT_EQ(plan_.items.front().line, 21) << "the notice's lines are not items";
    EXPECT_EQ(find_item(plan_, "四/（二）/1")->level, 2);
    EXPECT_EQ(find_item(plan_, "四/（二）/1")->labels, (std::vector<std::string>{"四", "（二）", "1"}));
}

TEST_F(SeedPlan, TheNineAnnotatedItemsAreExact) {
    struct Expected {
        std::string number;
        std::string title;
        std::vector<std::string> units;
    };
    const std::vector<Expected> expected = {
        {"四/（一）", "做好宣传引导，营造浓厚氛围",
         {"党政综合办公室", "社会事务办公室", "社会治安和应急管理办公室", "各学校", "各村（社区）"}},
        {"四/（二）/1", "开展校园安全管理整治行动", {"社会事务办公室", "社会治安和应急管理办公室", "各学校"}},
        {"四/（二）/2", "开展未成年人网络环境治理行动",
         {"党政综合办公室", "社会事务办公室", "各学校", "各村（社区）"}},
        {"四/（二）/3", "开展“利剑护蕾·雷霆行动”专项行动", {"五团镇派出所", "司法所"}},
        {"四/（二）/4", "开展未成年人关爱服务行动", {"社会事务办公室", "各学校", "各村（社区）"}},
        {"四/（三）/1", "落实《家庭教育促进法》", {"镇妇联", "五团镇派出所", "社会治安和应急管理办公室", "各村（社区）"}},
        {"四/（三）/2", "加强教育引导，提升学校保护能力", {"五团镇派出所", "社会治安和应急管理办公室", "各学校"}},
        {"四/（三）/3", "落实重点人员管理与宣传教育工作",
         {"五团镇派出所", "社会事务办", "镇妇联", "社会治安和应急管理办公室"}},
        {"四/（四）", "加强制度建设，构建长效机制", {"社会事务办", "社会治安和应急管理办公室"}},
    };
    for (const Expected& e : expected) {
        const PlanItem* item = find_item(plan_, e.number);
        ASSERT_NE(item, nullptr) << e.number;
        EXPECT_EQ(item->title, e.title) << e.number;
        EXPECT_EQ(item->units, e.units) << e.number;
        EXPECT_EQ(item->lead, e.units.front()) << e.number;
        EXPECT_EQ(item->deadline, std::nullopt) << e.number;
    }
    std::size_t with_units = 0;
    for (const PlanItem& item : plan_.items) with_units += item.units.empty() ? 0 : 1;
    EXPECT_EQ(with_units, expected.size()) << "only the nine annotated items name units";
}

TEST_F(SeedPlan, HeadingsCarryNoDeadlineAndBodiesExcludeSubItems) {
    EXPECT_EQ(find_item(plan_, "二")->deadline, std::nullopt) << "从现在起至2024年12月底 is a period";
    const PlanItem* parent = find_item(plan_, "四/（二）");
    EXPECT_EQ(parent->body, "聚焦重点领域，开展整治行动。");
    EXPECT_TRUE(find_item(plan_, "四/（四）")->body.ends_with("（责任部门：社会事务办、社会治安和应急管理办公室）"));
}

// ---- Synthetic samples with hand-written answers ----------------------------------------------------------

std::string show(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(PlanSamples, EveryItemMatchesItsHandWrittenAnswer) {
    const fs::path dir = repo_root() / "server" / "tests" / "plan_samples";
    std::vector<fs::path> samples;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".txt") samples.push_back(entry.path());
    std::sort(samples.begin(), samples.end());
    ASSERT_GE(samples.size(), 8u) << "samples missing in " << dir;

    std::size_t total = 0;
    std::size_t exact = 0;
    for (const fs::path& sample : samples) {
        const std::string name = sample.filename().string();
        fs::path answer = sample;
        answer.replace_extension(".expected.json");
        ASSERT_TRUE(fs::is_regular_file(answer, ec)) << name << ": no " << answer.filename();
        const json expected = json::parse(read_file(answer));
        const json actual = json::parse(to_json(parse_plan(read_file(sample))));

        EXPECT_EQ(actual["title"], expected["title"]) << name << ": title";
        const json& want = expected["items"];
        const json& got = actual["items"];
        for (std::size_t i = 0; i < want.size(); ++i) {
            ++total;
            const std::string number = want[i]["number"];
            const json* match = nullptr;
            for (const json& item : got)
                if (item["number"] == number) match = &item;
            if (match == nullptr) {
                ADD_FAILURE() << name << ": item " << number << " missing";
                continue;
            }
            bool same = true;
            for (const char* field : {"title", "units", "lead", "deadline"}) {
                if ((*match)[field] == want[i][field]) continue;
                same = false;
                ADD_FAILURE() << name << ": item " << number << " " << field << ": got " << show((*match)[field])
                              << ", expected " << show(want[i][field]);
            }
            if (same) ++exact;
        }
        std::vector<std::string> got_numbers;
        std::vector<std::string> want_numbers;
        for (const json& item : got) got_numbers.push_back(item["number"]);
        for (const json& item : want) want_numbers.push_back(item["number"]);
        EXPECT_EQ(got_numbers, want_numbers) << name << ": item numbers or order differ";
    }
    EXPECT_EQ(exact, total) << exact << " of " << total << " annotated items exact";
}

// ---- Building blocks ----------------------------------------------------------------------------------------

TEST(MatchLabel, KindsAndCanonicalForms) {
    struct Case {
        std::string line;
        LabelKind kind;
        std::string canonical;
        std::string rest;
    };
    const std::vector<Case> cases = {
        {"一、总体要求", LabelKind::Chinese, "一", "总体要求"},
        {"十二． 保障措施", LabelKind::Chinese, "十二", "保障措施"},
        {"（一）聚焦重点", LabelKind::ParenChinese, "（一）", "聚焦重点"},
        {"(十一)加强领导", LabelKind::ParenChinese, "（十一）", "加强领导"},
        {"（一)混合括号", LabelKind::ParenChinese, "（一）", "混合括号"},
        {"1.开展行动", LabelKind::Arabic, "1", "开展行动"},
        {"2、开展行动", LabelKind::Arabic, "2", "开展行动"},
        {"3．开展行动", LabelKind::Arabic, "3", "开展行动"},
        {"１２．全角数字", LabelKind::Arabic, "12", "全角数字"},
        {"（1）细项", LabelKind::ParenArabic, "（1）", "细项"},
        {"(2)细项", LabelKind::ParenArabic, "（2）", "细项"},
        {"3）细项", LabelKind::ParenArabic, "（3）", "细项"},
        {"②更细", LabelKind::Circled, "②", "更细"},
        {"一是加强领导", LabelKind::Ordinal, "一是", "加强领导"},
        {"十二是完善机制", LabelKind::Ordinal, "十二是", "完善机制"},
        {"一、\t时间", LabelKind::Chinese, "一", "时间"},
    };
    for (const Case& c : cases) {
        const std::optional<Label> label = match_label(c.line);
        ASSERT_TRUE(label.has_value()) << c.line;
        EXPECT_EQ(label->kind, c.kind) << c.line;
        EXPECT_EQ(label->canonical, c.canonical) << c.line;
        EXPECT_EQ(c.line.substr(label->length), c.rest) << c.line;
    }
    for (std::string line : {"1.5万元专项资金", "2024年12月底前", "十分重要", "一般情况下", "一、二年级学生", "（社区）",
                             "(2024)", "二〇二四年", "", "1"})
        EXPECT_FALSE(match_label(line).has_value()) << line;
}

TEST(ClassifyLine, NoiseDatesAnnotationsAndMarkers) {
    for (std::string line : {"- 3 -", "—3—", "— 12 —", "－3－", "第3页 共10页", "第 3 页", "共10页 第3页", "12", "3/10"})
        EXPECT_EQ(classify_line(line), LineKind::PageNoise) << line;
    EXPECT_EQ(classify_line(""), LineKind::Blank);
    EXPECT_EQ(classify_line("　 "), LineKind::Blank);
    EXPECT_EQ(classify_line("2024年2月27日"), LineKind::Date);
    EXPECT_EQ(classify_line("二〇二四年二月二十七日"), LineKind::Date);
    for (std::string line : {"牵头单位：县教育局", "责任单位:县公安局、县司法局", "完成时限：2024年12月底前",
                             "责任领导：县政府分管副县长", "（责任单位：县教育局）", "[牵头单位:党政办;责任单位:各村]",
                             "【牵头单位：各村（社区）】", "（县教育局、县公安局负责）", "（县教育局、县公安局）"})
        EXPECT_EQ(classify_line(line), LineKind::Annotation) << line;
    for (std::string line : {"附件：1.名单", "附件1", "附件", "抄送：县委办"})
        EXPECT_EQ(classify_line(line), LineKind::EndMarker) << line;
    for (std::string line : {"为切实加强工作，制定本方案。", "组  长：王某某", "成  员：各村（社区）支部书记",
                             "（以下简称“领导小组”）", "2024年3月—5月"})
        EXPECT_EQ(classify_line(line), LineKind::Text) << line;
    EXPECT_EQ(classify_line("（一）加强领导"), LineKind::Item);
}

struct AnnotationCase {
    std::string content;
    std::vector<std::string> units;  // lead first
    std::optional<std::string> deadline;
};

TEST(ParseAnnotation, EveryFormRealPlansUse) {
    const std::vector<AnnotationCase> cases = {
        {"责任部门：党政综合办公室、各学校、各村（社区）", {"党政综合办公室", "各学校", "各村（社区）"}, {}},
        {"责任单位：县教育局，县公安局", {"县教育局", "县公安局"}, {}},
        {"牵头单位：县民政局；配合单位：县妇联、各乡镇（街道）", {"县民政局", "县妇联", "各乡镇（街道）"}, {}},
        {"牵头单位：县民政局，配合单位：县妇联", {"县民政局", "县妇联"}, {}},
        {"配合单位：县妇联；牵头单位：县民政局", {"县民政局", "县妇联"}, {}},
        {"牵头单位:党政办公室;责任单位:经济发展办公室、各村(社区)", {"党政办公室", "经济发展办公室", "各村(社区)"}, {}},
        {"牵头单位：县公安局　配合单位：县检察院、县法院", {"县公安局", "县检察院", "县法院"}, {}},
        {"县教育局、县公安局负责", {"县教育局", "县公安局"}, {}},
        {"县团委、县妇联牵头负责", {"县团委", "县妇联"}, {}},
        {"县公安局、县市场监督管理局等按职责分工负责", {"县公安局", "县市场监督管理局"}, {}},
        {"县公安局牵头，县城市管理局、各乡镇（街道）配合", {"县公安局", "县城市管理局", "各乡镇（街道）"}, {}},
        {"县城市管理局配合，县公安局牵头", {"县公安局", "县城市管理局"}, {}},
        {"由县卫健局负责", {"县卫健局"}, {}},
        {"责任单位：县教育局（牵头）、县融媒体中心", {"县教育局", "县融媒体中心"}, {}},
        {"责任单位：县融媒体中心、县教育局（牵头）", {"县教育局", "县融媒体中心"}, {}},
        {"责任单位：县委（县政府）办公室、各街办(新区)", {"县委（县政府）办公室", "各街办(新区)"}, {}},
        {"责任单位：商务部等有关部门、各有关部门和单位", {"商务部等有关部门", "各有关部门和单位"}, {}},
        {"责任单位：县教育局、县公安局，排在第一位的部门为牵头部门，下同", {"县教育局", "县公安局"}, {}},
        {"责任单位：县教育局、县公安局，列第一位者为牵头单位，下同", {"县教育局", "县公安局"}, {}},
        {"责任单位：省发展改革委、商务厅按职责分工负责。具体任务涉及相关市(州)，不再做分工，下同。",
         {"省发展改革委", "商务厅"}, {}},
        {"牵头单位：县教育局；完成时限：2024年12月底前", {"县教育局"}, "2024年12月底前"},
        {"责任单位：县教育局；完成时限：长期坚持", {"县教育局"}, "长期坚持"},
        {"责任领导：县政府分管副县长；责任单位：县教育局", {"县教育局"}, {}},
        {"主要责任单位：镇应急管理办公室、镇水利站", {"镇应急管理办公室", "镇水利站"}, {}},
        {"协办单位：县教育局；主办单位：县公安局", {"县公安局", "县教育局"}, {}},
        {"参与单位：县交通运输局、县应急管理局", {"县交通运输局", "县应急管理局"}, {}},
        {"牵头单位：县教育局 县公安局", {"县教育局", "县公安局"}, {}},
        {"责任单位：县 教育局", {"县 教育局"}, {}},
        {"县民政局牵头，县法院、团县委、县妇联等配合", {"县民政局", "县法院", "团县委", "县妇联"}, {}},
    };
    for (const AnnotationCase& c : cases) {
        const std::optional<Annotation> a = parse_annotation(c.content);
        ASSERT_TRUE(a.has_value()) << c.content;
        EXPECT_EQ(lead_first(*a), c.units) << c.content;
        EXPECT_EQ(a->deadline, c.deadline) << c.content;
    }
}

TEST(ParseAnnotation, LeadersAloneNameNoUnits) {
    const std::optional<Annotation> a = parse_annotation("责任领导：王某某");
    ASSERT_TRUE(a.has_value());
    EXPECT_TRUE(a->units.empty());
}

TEST(ParseAnnotation, OrdinaryParenthesesAreNotAnnotations) {
    for (std::string content : {"社区", "试行", "如寒暑假期间", "以下简称“领导小组”", "2024年3月", "辅",
                                "排在第一位的部门为牵头部门，下同", "各地要认真抓好落实", "详见附件"})
        EXPECT_FALSE(parse_annotation(content).has_value()) << content;
}

TEST(FindAnnotations, GroupsAndLabelSentencesInAParagraph) {
    const std::string paragraph =
        "加强排查（如寒暑假期间）。建立台账。（责任单位：县民政局、各村（社区））。责任单位：县妇联。";
    const std::vector<FoundAnnotation> found = find_annotations(paragraph);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0].annotation.units, (std::vector<std::string>{"县民政局", "各村（社区）"}));
    EXPECT_EQ(paragraph.substr(found[0].begin, found[0].end - found[0].begin),
              "（责任单位：县民政局、各村（社区））");
    EXPECT_EQ(found[1].annotation.units, (std::vector<std::string>{"县妇联"}));
}

TEST(FindAnnotations, BareUnitListsOnlyAfterASentence) {
    EXPECT_EQ(find_annotations("完善制度。（县教育局、县公安局）").size(), 1u);
    EXPECT_TRUE(find_annotations("组织各村（社区）").empty());
    EXPECT_TRUE(find_annotations("完善制度（县教育局）开展工作。").empty());
}

TEST(FindDeadline, ExplicitTimePhrasesOnly) {
    const std::vector<std::pair<std::string, std::string>> found = {
        {"2024年12月底前完成排查", "2024年12月底前"},
        {"力争在2024年底前全面完成", "2024年底前"},
        {"于2025年6月30日前纳入保障", "2025年6月30日前"},
        {"2024年12月31日以前完成", "2024年12月31日以前"},
        {"2024年9月1日之前上线", "2024年9月1日之前"},
        {"确保2024年内全覆盖", "2024年内"},
        {"年底前完成", "年底前"},
        {"12月20日前报送总结", "12月20日前"},
        {"自本方案印发之日起30日内完成首轮排查", "自本方案印发之日起30日内"},
        {"发现病害后，应于7日内完成修补", "7日内"},
        {"在5个工作日内反馈", "5个工作日内"},
        {"力争5年内完成改造", "5年内"},
        {"三个月内完成", "三个月内"},
        {"此项工作长期坚持", "长期坚持"},
        {"2024年6月底完成摸排", "2024年6月底"},
        {"十二月底前完成", "十二月底前"},
        {"年内完成全部改造", "年内"},
        {"该项工作完成时间为2024年12月。", "2024年12月"},
        {"各村完成时限：2024年9月", "2024年9月"},
    };
    for (const auto& [text, phrase] : found) EXPECT_EQ(find_deadline(text), phrase) << text;
    for (std::string text : {"从现在起至2024年12月底，全面开展整治", "到2026年底，优良路率达到85%",
                             "本方案自印发之日起施行，有效期5年。", "有效期至2027年8月", "每季度开展一次抽检",
                             "每月5日前报送进展", "每年12月20日前报送总结", "中共五团镇委员会 2024年2月27日",
                             "持续推进", "近3年内未发生事故", "主汛期实行24小时值班制度", ""})
        EXPECT_EQ(find_deadline(text), std::nullopt) << text;
}

TEST(FindPlanStart, SkipsTheNoticeAndItsTitleLines) {
    const std::vector<std::string_view> three_line = {"松政发〔2025〕3号", "关于印发", "松林乡困境儿童关爱保护工作实施方案",
                                                      "的通知", "各村：", "现印发给你们。", "1.各单位要明确联络员。",
                                                      "松林乡人民政府", "2025年3月1日", "",
                                                      "松林乡困境儿童关爱保护工作实施方案", "一、保障对象"};
    const PlanStart start = find_plan_start(three_line);
    EXPECT_EQ(start.title, "松林乡困境儿童关爱保护工作实施方案");
    EXPECT_EQ(start.line, 10u);

    const std::vector<std::string_view> wrapped = {"云岭镇2024年预防中小学生溺水", "专项工作方案", "", "为了……，制定本方案。",
                                                   "一、工作目标"};
    EXPECT_EQ(find_plan_start(wrapped).title, "云岭镇2024年预防中小学生溺水专项工作方案");
    EXPECT_EQ(find_plan_start(wrapped).line, 0u);

    const std::vector<std::string_view> notice_is_plan = {"关于开展防汛安全检查的通知", "各村：",
                                                          "现就有关事项通知如下：", "一、检查范围"};
    EXPECT_EQ(find_plan_start(notice_is_plan).title, "关于开展防汛安全检查的通知");
    EXPECT_EQ(find_plan_start(notice_is_plan).line, 0u);

    const std::vector<std::string_view> bare = {"一、工作目标", "二、工作措施"};
    EXPECT_EQ(find_plan_start(bare).title, "");
    EXPECT_EQ(find_plan_start(bare).line, 0u);
}

// ---- The tree and the annotation attribution rule --------------------------------------------------------

TEST(ParsePlan, KindOrderComesFromTheDocument) {
    const ParsedPlan plan = parse_plan(
        "某镇工作方案\n一、任务\n1.甲。\n2.乙。\n二、措施\n（一）丙。\n1.丁。\n（二）戊。\n（1）己。\n三、要求\n3.庚。\n");
    EXPECT_EQ(numbers(plan), (std::vector<std::string>{"一", "一/1", "一/2", "二", "二/（一）", "二/（一）/1", "二/（二）",
                                                       "二/（二）/（1）", "三", "三/3"}));
    EXPECT_EQ(plan.items[5].level, 2);
}

TEST(ParsePlan, ParagraphAnnotationBelongsToTheItemWhoseParagraphItEnds) {
    const ParsedPlan plan = parse_plan(
        "某镇工作方案\n（一）加强排查。\n1.排查甲。\n2.排查乙。（责任单位：镇派出所）\n（二）加强整治。\n");
    EXPECT_TRUE(find_item(plan, "（一）")->units.empty());
    EXPECT_EQ(find_item(plan, "（一）/2")->units, (std::vector<std::string>{"镇派出所"}));
}

TEST(ParsePlan, SeparateLineClosingASectionGoesToTheParentOnlyWhenNoSubItemHasUnits) {
    const ParsedPlan closing = parse_plan(
        "某镇工作方案\n（一）加强排查。\n1.排查甲。\n2.排查乙。\n责任单位：镇派出所、镇司法所\n（二）加强整治。\n");
    EXPECT_EQ(find_item(closing, "（一）")->units, (std::vector<std::string>{"镇派出所", "镇司法所"}));
    EXPECT_TRUE(find_item(closing, "（一）/2")->units.empty());

    const ParsedPlan each = parse_plan(
        "某镇工作方案\n（一）加强排查。\n1.排查甲。\n责任单位：镇司法所\n2.排查乙。\n责任单位：镇派出所\n（二）整治。\n");
    EXPECT_TRUE(find_item(each, "（一）")->units.empty());
    EXPECT_EQ(find_item(each, "（一）/1")->units, (std::vector<std::string>{"镇司法所"}));
    EXPECT_EQ(find_item(each, "（一）/2")->units, (std::vector<std::string>{"镇派出所"}));

    const ParsedPlan heading = parse_plan(
        "某镇工作方案\n（一）加强排查。\n牵头单位：镇派出所\n1.排查甲。\n2.排查乙。\n（二）整治。\n");
    EXPECT_EQ(find_item(heading, "（一）")->units, (std::vector<std::string>{"镇派出所"}));
}

TEST(ParsePlan, InlineOrdinalsSplitAParagraph) {
    const ParsedPlan plan = parse_plan(
        "某镇工作方案\n（一）加强领导。一是成立专班；二是建立台账，2024年4月底前完成。（责任单位：镇党政办）\n"
        "（二）强化保障。统一是非标准。\n");
    EXPECT_EQ(numbers(plan), (std::vector<std::string>{"（一）", "（一）/一是", "（一）/二是", "（二）"}));
    EXPECT_EQ(find_item(plan, "（一）")->body, "加强领导。");
    EXPECT_EQ(find_item(plan, "（一）")->units, (std::vector<std::string>{"镇党政办"}));
    EXPECT_EQ(find_item(plan, "（一）/一是")->title, "成立专班");
    EXPECT_EQ(find_item(plan, "（一）/二是")->deadline, "2024年4月底前");
    EXPECT_EQ(find_item(plan, "（一）/二是")->line, 2);
}

TEST(ParsePlan, SignatureAndAttachmentsAreNotPlanText) {
    const ParsedPlan plan = parse_plan(
        "某镇工作方案\n一、要求\n各单位要认真落实。\n某镇人民政府\n2024年2月27日\n附件\n一、名单\n1.甲村\n");
    EXPECT_EQ(numbers(plan), (std::vector<std::string>{"一"}));
    EXPECT_EQ(plan.items[0].body, "要求\n各单位要认真落实。");
}

// ---- Edge cases -------------------------------------------------------------------------------------------

TEST(ParsePlanEdges, EmptyText) {
    const ParsedPlan plan = parse_plan("");
    EXPECT_EQ(plan.title, "");
    EXPECT_TRUE(plan.items.empty());
    EXPECT_EQ(to_json(plan), "{\n  \"title\": \"\",\n  \"items\": []\n}");
}

TEST(ParsePlanEdges, TextWithoutNumbering) {
    const ParsedPlan plan = parse_plan("关于做好防汛工作的意见\n各单位要高度重视。\n加强值班值守。\n");
    EXPECT_EQ(plan.title, "关于做好防汛工作的意见");
    EXPECT_TRUE(plan.items.empty());
}

constexpr const char* kSmallPlan =
    "某镇禁毒宣传工作方案\n一、工作任务\n1.开展宣传。2024年6月底前完成。（责任单位：镇综治办、各村（社区））\n"
    "2.开展培训。\n牵头单位：镇派出所\n";

std::string crlf(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

void expect_same_items(const ParsedPlan& a, const ParsedPlan& b) {
    EXPECT_EQ(a.title, b.title);
    ASSERT_EQ(a.items.size(), b.items.size());
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        EXPECT_EQ(a.items[i].number, b.items[i].number);
        EXPECT_EQ(a.items[i].title, b.items[i].title);
        EXPECT_EQ(a.items[i].body, b.items[i].body);
        EXPECT_EQ(a.items[i].units, b.items[i].units);
        EXPECT_EQ(a.items[i].deadline, b.items[i].deadline);
        EXPECT_EQ(a.items[i].line, b.items[i].line);
    }
}

TEST(ParsePlanEdges, TopLevelOrdinalsKeepTheirText) {
    const ParsedPlan plan = parse_plan("一是排查。\n各村要认真落实。\n二是整治。\n");
    EXPECT_EQ(numbers(plan), (std::vector<std::string>{"一是", "二是"}));
    EXPECT_EQ(plan.items[0].body, "排查。\n各村要认真落实。");
}

TEST(ParsePlanEdges, CrLfAndByteOrderMarkChangeNothing) {
    const ParsedPlan plain = parse_plan(kSmallPlan);
    ASSERT_EQ(plain.items.size(), 3u);
    EXPECT_EQ(plain.items[1].units, (std::vector<std::string>{"镇综治办", "各村（社区）"}));
    EXPECT_EQ(plain.items[1].deadline, "2024年6月底前");
    EXPECT_EQ(plain.items[2].lead, "镇派出所");
    expect_same_items(parse_plan(crlf(kSmallPlan)), plain);
    expect_same_items(parse_plan(std::string("\xEF\xBB\xBF") + kSmallPlan), plain);
    EXPECT_EQ(split_lines("a\r\nb\rc\n"), (std::vector<std::string_view>{"a", "b", "c"}));
}

TEST(ParsePlanEdges, TenThousandLinesOfDeepNumbering) {
    const std::vector<std::string> cycle = {"一、", "（一）", "1.", "（1）", "①", "一是"};
    std::string text = "某县大型工作方案\n";
    for (int i = 0; i < 10000; ++i)
        text += cycle[i % cycle.size()] + "第" + std::to_string(i) + "项任务。（责任单位：县教育局）\n";
    const auto started = std::chrono::steady_clock::now();
    const ParsedPlan plan = parse_plan(text);
    const std::string out = to_json(plan);
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(plan.items.size(), 10000u);
    EXPECT_EQ(plan.items[5].level, 5);
    EXPECT_LT(seconds, 10.0);
    EXPECT_FALSE(out.empty());
}

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

TEST(ParsePlanEdges, PathologicalLinesStayLinear) {
    for (const std::string& line : {repeat("（", 30000), repeat("（责任单位：", 10000), repeat("。一是，二是", 10000),
                                    repeat("县教育局、", 10000) + "负责）"}) {
        const auto started = std::chrono::steady_clock::now();
        (void)to_json(parse_plan("某方案\n一、" + line + "\n"));
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 5.0);
    }
}

TEST(ParsePlanEdges, InvalidUtf8IsCarriedThroughWithoutThrowing) {
    const std::string text =
        "某镇\xFF工作方案\n一、\xC3(任务\n1.开展\xE4\xB8宣传。（责任单位：镇\xFE综治办）\n2.\xF0\x9F\n（\xE4";
    ParsedPlan plan;
    ASSERT_NO_THROW(plan = parse_plan(text));
    ASSERT_GE(plan.items.size(), 2u);
    std::string out;
    ASSERT_NO_THROW(out = to_json(plan));
    EXPECT_TRUE(json::accept(out));
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        const std::string prefix = text.substr(0, cut);
        EXPECT_NO_THROW((void)to_json(parse_plan(prefix))) << cut;
    }
}

TEST(ToJson, FollowsTheCliContract) {
    const std::string text = to_json(parse_plan(kSmallPlan));
    const json out = json::parse(text);
    EXPECT_EQ(out["title"], "某镇禁毒宣传工作方案");
    ASSERT_EQ(out["items"].size(), 3u);
    EXPECT_EQ(out["items"][0], json::parse(R"({"number":"一","title":"工作任务","units":[],"lead":null,"deadline":null})"));
    EXPECT_EQ(out["items"][1]["lead"], "镇综治办");
    std::size_t at = 0;
    for (const char* key : {"\"number\"", "\"title\"", "\"units\"", "\"lead\"", "\"deadline\""}) {
        const std::size_t next = text.find(key, at + 1);
        EXPECT_NE(next, std::string::npos) << key << " in order";
        at = next;
    }
}

}  // namespace
}  // namespace hulei::plan
