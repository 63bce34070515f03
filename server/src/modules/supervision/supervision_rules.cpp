#include "modules/supervision/supervision_rules.hpp"

#include <algorithm>
#include <array>

namespace hulei::supervision {

namespace {

struct KindInfo {
    std::string_view code, label;
};

constexpr std::array<KindInfo, 5> kKinds = {{
    {"notice", "通报提醒"},
    {"warning", "约谈警示"},
    {"listed", "挂牌整治"},
    {"inspection", "督导检查"},
    {"unannounced", "暗访"},
}};

/// The ladder's rungs in order.
constexpr std::array<std::string_view, 3> kLadder = {"notice", "warning", "listed"};

int rung_of(std::string_view kind) {
    for (std::size_t i = 0; i < kLadder.size(); ++i)
        if (kLadder[i] == kind) return static_cast<int>(i);
    return -1;
}

}  // namespace

bool valid_kind(std::string_view kind) { return !kind_label(kind).empty(); }

std::string_view kind_label(std::string_view kind) {
    for (const auto& k : kKinds)
        if (k.code == kind) return k.label;
    return {};
}

std::optional<std::string> parse_kind(std::string_view text) {
    for (const auto& k : kKinds)
        if (k.code == text || k.label == text) return std::string(k.code);
    return std::nullopt;
}

std::optional<std::string> next_rung(std::int64_t overdue_days, std::int64_t today, const std::vector<IssuedRung>& issued,
                                     const LadderPolicy& policy) {
    if (overdue_days <= 0) return std::nullopt;
    const std::int64_t due_day = today - overdue_days;  // overdue since the day after this one
    int highest = -1;
    for (const auto& a : issued) {
        const int rung = rung_of(a.kind);
        if (rung < 0 || a.issued_day <= due_day) continue;
        highest = std::max(highest, rung);
    }
    const int next = highest + 1;
    if (next >= static_cast<int>(kLadder.size())) return std::nullopt;
    const std::array<std::int64_t, 3> threshold = {policy.notice_after, policy.warning_after, policy.listed_after};
    if (overdue_days < threshold[static_cast<std::size_t>(next)]) return std::nullopt;
    return std::string(kLadder[static_cast<std::size_t>(next)]);
}

}  // namespace hulei::supervision
