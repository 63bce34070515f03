#pragma once
// The pure matching core of 从业查询 (screening): ID normalisation, name keys (traditional/simplified and
// pinyin), the key texts a caller blind-indexes, the status decision, and an in-memory index for bulk checks.
// No database and no HTTP here; the registry and screening services build on these functions.
//
// Thread safety: every function and `MatchIndex::check` may be called from any number of threads at once.
// The OpenCC converter (t2s.json) and the ICU transliterator are costly to create (≈2 ms and ≈100 ms), so
// each thread creates its own on first use and keeps it, together with a per-thread cache of the pinyin of
// each character seen; the first name key computed on a thread pays that set-up. The set of characters t2s
// can change (names without any skip OpenCC) is built once per process and then only read.
// `MatchIndex::add` is not safe to call while another thread uses the same index.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/id_number.hpp"

namespace hulei::screening {

/// What the employer is told: 未发现记录 / 待核实 / 发现记录 / 身份证号无效.
enum class MatchStatus { Clear, PendingReview, Hit, InvalidId };

/// The stable code of a status: "clear", "pending_review", "hit" or "invalid_id".
std::string_view status_code(MatchStatus status);

/// The canonical 18-character ID (upper-case X) of `raw`, or nullopt with `error` filled when invalid.
/// Delegates to core::parse_id_number (full-width digits and X/x, ASCII and ideographic spaces anywhere,
/// lower-case x, 15-digit numbers → 18, checksum, real birth date not after `today` when given).
std::optional<core::IdNumber> normalise_id(std::string_view raw, core::IdNumberError* error = nullptr,
                                           std::string_view today = "");

/// A name reduced for comparison: `simplified` catches 張偉/张伟, `pinyin` catches 张伟/章伟.
struct NameKeys {
    std::string simplified;  ///< NFKC, white space and middle dots removed, OpenCC t2s ("張 偉" → "张伟")
    std::string pinyin;      ///< ICU "Han-Latin; Latin-ASCII; Lower" of `simplified`: no tones, no spaces, ü → u
};

/// The comparison keys of a person's name. The pinyin is taken one character at a time (so it never depends
/// on word context and can be cached); both sides of a match use this same function.
NameKeys name_keys(std::string_view name);

/// The text to blind-index for an exact match: "id:" + the canonical 18-character ID.
std::string exact_key(std::string_view id18);

/// The texts to blind-index for a possible match: "zh:<simplified>|<birth>|<sex>" and
/// "py:<pinyin>|<birth>|<sex>" (empty keys left out; no keys for an empty name or an empty birth date).
/// `birth_date` is YYYY-MM-DD and `sex` 'M' or 'F'; anything else is a programming error (core::Error internal).
std::vector<std::string> name_birth_sex_keys(const NameKeys& name, std::string_view birth_date, char sex);
/// The same for a raw name.
std::vector<std::string> name_birth_sex_keys(std::string_view name, std::string_view birth_date, char sex);

/// One registry record as the matcher sees it; a DB-backed and an in-memory index both use this shape.
/// decide() compares `id18` and `name_keys` by equality only, so a caller working with blind indexes may
/// put them on both sides instead of the texts.
struct RegistryEntry {
    std::int64_t record_id = 0;
    std::string id18;                    ///< canonical ID; empty when the record has no valid ID
    std::vector<std::string> name_keys;  ///< name_birth_sex_keys() of the record
    bool sealed = false;                 ///< 犯罪记录封存 (offence committed as a minor): never matches
};

/// A registry entry from the record's fields: the ID normalised (empty if invalid), and name keys for the
/// stated birth date and sex and, when the valid ID gives different ones, for those too. An empty
/// `birth_date` or a `sex` other than 'M'/'F' means "take it from the ID".
RegistryEntry registry_entry(std::int64_t record_id, std::string_view raw_id, std::string_view name,
                             std::string_view birth_date, char sex, bool sealed);

/// A staff person ready to be checked: the ID parsed and, when it is valid, the name keys built with the
/// birth date and sex the ID gives.
struct StaffKeys {
    std::optional<core::IdNumber> id;    ///< the canonical ID, or nullopt when invalid
    core::IdNumberError id_error;        ///< why the ID is invalid (code empty when valid)
    std::vector<std::string> name_keys;  ///< name_birth_sex_keys(name, id->birth_date, id->sex); empty if invalid
};

/// Prepares a staff person (raw ID as typed, name) for matching; `today` (YYYY-MM-DD) rejects future births.
StaffKeys staff_keys(std::string_view raw_id, std::string_view name, std::string_view today = "");

/// The outcome of one check. `record_ids` are for the police (review, alerts), never for the employer.
struct MatchResult {
    MatchStatus status = MatchStatus::Clear;
    std::vector<std::int64_t> record_ids;  ///< hit: the exact records; pending_review: the name matches; sorted
};

/// The rule: invalid_id if the ID is invalid; hit if an unsealed entry has the same ID; else pending_review if
/// an unsealed entry shares a name+birth+sex key; else clear. Sealed entries are ignored. `candidates` may
/// hold any entries (typically those sharing a key); unrelated ones do not change the result.
MatchResult decide(const StaffKeys& staff, std::span<const RegistryEntry> candidates);

/// An in-memory registry index (key text → records) for bulk checks, monitoring and the bench.
/// Keys live in one byte arena with open-addressing tables over it, so a million records stay compact.
class MatchIndex {
public:
    MatchIndex();
    /// Pre-sizes the tables for about `records` entries.
    void reserve(std::size_t records);
    /// Adds a record. Sealed records are counted but not indexed: they can never match.
    void add(const RegistryEntry& entry);
    /// The status of a staff person against every record added so far (same rule as decide()).
    MatchResult check(const StaffKeys& staff) const;
    /// Records added, sealed ones included.
    std::size_t size() const { return records_; }

private:
    /// Open addressing with linear probing; each slot names a key in the arena and the head of its postings.
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t key = 0;       ///< offset of the key in arena_ (length-prefixed); 0 = empty slot
        std::uint32_t postings = 0;  ///< index into postings_ of the last record added under this key
    };
    struct Table {
        std::vector<Slot> slots;
        std::size_t used = 0;
    };
    struct Posting {
        std::uint32_t record = 0;  ///< index into record_ids_
        std::uint32_t next = 0;    ///< previous posting under the same key + 1; 0 ends the chain
    };

    void insert(Table& table, std::string_view key, std::uint32_t record);
    const Slot* find(const Table& table, std::string_view key) const;
    std::string_view key_at(std::uint32_t offset) const;
    static void grow(Table& table, std::size_t min_slots);

    std::string arena_;
    Table ids_;
    Table names_;
    std::vector<Posting> postings_;
    std::vector<std::int64_t> record_ids_;
    std::size_t records_ = 0;
};

}  // namespace hulei::screening
