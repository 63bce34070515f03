// Plan parser throughput: parses a ~1 MB synthetic work plan (the seed plan's structure repeated with
// numbered sections, annotations, deadlines and page noise) and reports MB/s, next to a baseline pass
// over the same bytes that only splits lines and counts code points (the least any parser must do).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "modules/plan/plan_parser.hpp"

namespace {

const char* const kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string synthetic_plan(std::size_t target_bytes) {
    std::string text = "某县教育局文件\n某教发〔2026〕1号\n\n关于印发《某县未成年人保护专项行动实施方案》的通知\n各乡镇（街道）、县直各单位：\n现将方案印发给你们，请认真贯彻落实。\n\n某县未成年人保护专项行动实施方案\n";
    for (int section = 0; text.size() < target_bytes; ++section) {
        text += std::string(kChineseNumbers[section % 10]) + "、重点任务（第" + std::to_string(section + 1) + "部分）\n";
        for (int sub = 0; sub < 6; ++sub) {
            text += "（" + std::string(kChineseNumbers[sub]) + "）加强源头治理，压实各方责任。围绕重点人群、重点场所开展排查整治，"
                    "建立问题清单和整改台账，确保2026年12月底前完成。（牵头单位：县教育局；配合单位：县公安局、县民政局、各乡镇（街道））\n";
            for (int item = 1; item <= 4; ++item)
                text += std::to_string(item) + ".落实定期走访制度。各村（社区）每季度开展一次走访，建立一人一档，"
                        "发现问题及时报告。（责任单位：各乡镇（街道）、县妇联）\n";
            text += "- " + std::to_string(section * 6 + sub + 2) + " -\n";
        }
    }
    return text;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    const std::string text = synthetic_plan(1 << 20);
    const double mb = static_cast<double>(text.size()) / (1 << 20);
    const int rounds = 5;

    std::size_t items = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds; ++i) items = hulei::plan::parse_plan(text).items.size();
    const double parse_s = seconds_since(t0) / rounds;

    std::size_t lines = 0, code_points = 0;
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < rounds * 20; ++i) {
        lines = hulei::plan::split_lines(text).size();
        code_points = static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    }
    const double base_s = seconds_since(t0) / (rounds * 20);

    std::printf("plan parse: %.2f MB, %zu lines, %zu code points, %zu items\n", mb, lines, code_points, items);
    std::printf("name                         MB/s      ratio\n");
    std::printf("baseline split+count    %9.1f       1.00\n", mb / base_s);
    std::printf("hulei plan parse        %9.1f    %7.3f\n", mb / parse_s, base_s / parse_s);
    std::printf("plan_parse_mb_per_s=%.1f\n", mb / parse_s);
    return items > 0 ? 0 : 1;
}
