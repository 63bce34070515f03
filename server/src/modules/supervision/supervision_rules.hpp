#pragma once
// Pure rules of supervision: action kinds and the escalation ladder for overdue tasks
// (通报提醒 → 约谈警示 → 挂牌整治). No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::supervision {

/// Whether `kind` is one of notice, warning, listed, inspection, unannounced.
bool valid_kind(std::string_view kind);
/// 通报提醒, 约谈警示, 挂牌整治, 督导检查, 暗访; "" for an unknown kind.
std::string_view kind_label(std::string_view kind);
/// The kind of a code or its Chinese label, or nullopt.
std::optional<std::string> parse_kind(std::string_view text);

/// Thresholds of the ladder, in days overdue (policy supervision.*_after_days).
struct LadderPolicy {
    std::int64_t notice_after = 7;
    std::int64_t warning_after = 21;
    std::int64_t listed_after = 45;
};

/// A ladder action already issued for the pair: its kind and the Shanghai day it was issued.
struct IssuedRung {
    std::string kind;
    std::int64_t issued_day = 0;
};

/// The next rung to propose for a pair overdue by `overdue_days` on day `today`: one above the highest rung
/// issued since the pair became overdue (actions from an earlier overdue spell do not count), proposed once
/// the pair has been overdue at least that rung's threshold; nullopt when nothing is due or the pair is
/// already listed. Rungs are climbed one at a time: a long-overdue pair with nothing issued gets a notice first.
std::optional<std::string> next_rung(std::int64_t overdue_days, std::int64_t today, const std::vector<IssuedRung>& issued,
                                     const LadderPolicy& policy);

}  // namespace hulei::supervision
