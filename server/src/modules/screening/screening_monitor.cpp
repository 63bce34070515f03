#include "modules/screening/screening_monitor.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/registry/registry_keys.hpp"
#include "modules/registry/registry_rules.hpp"
#include "modules/screening/screening_keys.hpp"
#include "modules/screening/screening_match.hpp"
#include "modules/screening/screening_store.hpp"

namespace hulei::screening {

namespace {

constexpr const char* kNameContext = "screening.name";
constexpr const char* kIdContext = "screening.id_number";
constexpr const char* kNoteContext = "screening_alerts.note";
constexpr std::size_t kMaxNote = 500;
/// The supervision action opened for a hit: no record content, no ID number — the masked name at most.
constexpr const char* kActionKind = "notice";
constexpr const char* kActionTitle = "从业查询发现记录：请立即核查并依法处理";

audit::Actor system_actor() {
    return {std::nullopt, "system", "local", "monitor"};
}

using security::require;

/// A registry key index → the unsealed records carrying it, split by kind.
struct KeyPostings {
    std::vector<std::int64_t> exact;
    std::vector<std::int64_t> name;
};

void add_unique(std::vector<std::int64_t>& v, std::int64_t id) {
    if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}

}  // namespace

void ScreeningMonitor::on_registry_change(db::Tx& tx, const std::vector<std::int64_t>& record_ids) {
    const auto now = clock_.now_ms();
    const std::string today = plan::format_date(plan::shanghai_day(now));
    // Persons screened before their keys were stored: keyed once, here.
    for (const auto& person : tx.query(sql::kUnkeyedPersons)) {
        const std::string name = keyring_.decrypt(person.str("name_enc"), kNameContext);
        const StaffKeys staff = staff_keys(keyring_.decrypt(person.str("id_number_enc"), kIdContext), name, today);
        store_person_keys(tx, person.i64("id"), blind_keys(keyring_, staff));
    }
    // The changed records' keys, then the employed persons carrying them (by index: nobody is decrypted to match).
    std::map<std::string, KeyPostings> keys;
    for (const auto record_id : record_ids)
        for (const auto& r : tx.query(sql::kKeysOfRecord, {record_id})) {
            auto& k = keys[r.str("key_index")];
            add_unique(r.str("kind") == "exact" ? k.exact : k.name, record_id);
        }
    if (keys.empty()) return;  // sealed records only: they never alert
    struct Matched {
        db::Row person;
        std::vector<std::int64_t> hits, names;
    };
    std::map<std::int64_t, Matched> matched_persons;  // by person id: in id order
    for (const auto& [index, postings] : keys)
        for (const auto* kind : {"exact", "name_birth_sex"}) {
            const bool exact = std::string_view(kind) == "exact";
            const auto& records = exact ? postings.exact : postings.name;
            if (records.empty()) continue;
            for (const auto& row : tx.query(sql::kHiredPersonsWithKey, {index, std::string(kind)})) {
                auto it = matched_persons.try_emplace(row.i64("id"), Matched{row, {}, {}}).first;
                for (auto id : records) add_unique(exact ? it->second.hits : it->second.names, id);
            }
        }
    for (auto& entry : matched_persons) {
        Matched& m = entry.second;
        const db::Row& person = m.person;
        auto& hits = m.hits;
        auto& names = m.names;
        const std::int64_t person_id = person.i64("id"), unit_id = person.i64("unit_id");
        auto fresh = [&](std::vector<std::int64_t>& ids) {
            std::erase_if(ids, [&](std::int64_t id) {
                return tx.query_one(sql::kOpenAlertOf, {person_id, id}).has_value();
            });
            std::sort(ids.begin(), ids.end());
        };
        std::erase_if(names, [&](std::int64_t id) { return std::find(hits.begin(), hits.end(), id) != hits.end(); });
        fresh(hits);
        fresh(names);
        std::string status;
        std::vector<std::int64_t>* matched = nullptr;
        if (!hits.empty()) {
            status = "hit";
            matched = &hits;
        } else if (!names.empty() && person.str("last_status") != "hit") {
            status = "pending_review";  // a person already hit stays hit: nothing to review
            matched = &names;
        } else {
            continue;
        }
        const std::int64_t check_id = tx.scalar_i64(sql::kInsertMonitorCheck, {person_id, unit_id, status, now});
        for (auto id : *matched)
            tx.exec(sql::kInsertMatch, {check_id, id, std::string(status == "hit" ? "exact" : "name_birth_sex")});
        if (status == "pending_review") tx.scalar_i64(sql::kInsertReview, {check_id, now});
        tx.exec(sql::kSetPersonMonitored, {status, now, person_id});
        audit::append(tx, system_actor(),
                      {"screening.check.create",
                       "screening_check",
                       std::to_string(check_id),
                       {{"purpose", "monitoring"}, {"unit_id", unit_id}, {"person_id", person_id}, {"status", status}}},
                      now);
        db::Value action = nullptr;
        if (status == "hit") {
            const std::string name = keyring_.decrypt(person.str("name_enc"), kNameContext);
            const std::string content = "经从业查询持续监测，贵单位在职人员" + registry::mask_name(name) +
                                        "发现记录（不得录用/应解聘）。请立即核查并依法处理，并在此回复处理结果。";
            action = supervision_.open_by_system(tx, kActionKind, unit_id, kActionTitle, content, now);
        }
        for (auto record_id : *matched) {
            const auto alert_id =
                tx.scalar_i64(sql::kInsertAlert, {person_id, unit_id, record_id, check_id, action, status, now});
            audit::append(tx, system_actor(),
                          {"screening.alert.create",
                           "screening_alert",
                           std::to_string(alert_id),
                           {{"kind", status},
                            {"unit_id", unit_id},
                            {"person_id", person_id},
                            {"record_id", record_id},
                            {"check_id", check_id}}},
                          now);
        }
    }
}

Alert ScreeningMonitor::alert_of(const db::Row& r) const {
    Alert a;
    a.id = r.i64("id");
    a.unit_id = r.i64("unit_id");
    a.unit_name = r.str("unit_name");
    a.person_id = r.i64("person_id");
    a.person_name = registry::mask_name(keyring_.decrypt(r.str("name_enc"), kNameContext));
    a.kind = r.str("kind");
    a.status = r.str("status");
    a.created_at = r.i64("created_at");
    a.action_id = r.opt_i64("action_id");
    a.closed_at = r.opt_i64("closed_at");
    return a;
}

std::vector<Alert> ScreeningMonitor::alerts(const security::Principal& p) {
    require(p, "screening:alert:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<Alert> out;
        for (const auto& r : tx.query(std::string(sql::kAlertColumns) + std::string(sql::kOpenAlerts)))
            if (p.can_in_unit("screening:alert:list", r.i64("unit_id"))) out.push_back(alert_of(r));
        audit::append(
            tx, audit::actor_of(p),
            {"screening.alert.list", "screening_alert", "", {{"purpose", "screening_alert"}, {"returned", out.size()}}},
            now);
        return out;
    });
}

Alert ScreeningMonitor::close(const security::Principal& p, std::int64_t alert_id,
                              const std::optional<std::string>& note) {
    require(p, "screening:alert:close");
    std::optional<std::string> clean;
    if (note && !core::trim(*note).empty()) {
        clean = core::trim(*note);
        if (!core::valid_utf8(*clean) || core::has_control_characters(*clean))
            throw core::Error::validation("invalid_text", "备注含有无效字符", "note");
        if (core::utf8_length(*clean) > kMaxNote) throw core::Error::validation("too_long", "备注过长", "note");
    }
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = tx.query_one(std::string(sql::kAlertColumns) + std::string(sql::kAlertById), {alert_id});
        if (!row || !p.can_in_unit("screening:alert:close", row->i64("unit_id")))
            throw core::Error::not_found("监测预警不存在");
        const auto changed =
            tx.exec(sql::kCloseAlert,
                    {p.user_id ? db::Value(p.user_id) : db::Value(nullptr), now,
                     clean ? db::Value(keyring_.encrypt(*clean, kNoteContext)) : db::Value(nullptr), alert_id});
        if (changed == 0) throw core::Error::conflict("already_closed", "该监测预警已关闭", "");
        audit::append(tx, audit::actor_of(p),
                      {"screening.alert.close",
                       "screening_alert",
                       std::to_string(alert_id),
                       {{"unit_id", row->i64("unit_id")}, {"kind", row->str("kind")}, {"note", clean.has_value()}}},
                      now);
        return alert_of(*tx.query_one(std::string(sql::kAlertColumns) + std::string(sql::kAlertById), {alert_id}));
    });
}

}  // namespace hulei::screening
