#include "modules/screening/screening_match.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/error.hpp"

namespace hulei::screening {
namespace {

/// OpenCC resolves a bare file name against its compiled-in data directory (libopencc-data: /usr/share/opencc).
constexpr const char* kTraditionalToSimplified = "t2s.json";
constexpr const char* kPinyinTransform = "Han-Latin; Latin-ASCII; Lower";

/// Separators written inside names (阿卜杜·热合曼): middle dot, bullet, hyphenation point, katakana middle
/// dot, dot operators, full stop and its full-width form.
bool is_name_separator(UChar32 c) {
    switch (c) {
        case 0x002E:
        case 0x00B7:
        case 0x2022:
        case 0x2027:
        case 0x2219:
        case 0x22C5:
        case 0x30FB:
        case 0xFF0E:
        case 0xFF65:
            return true;
        default:
            return false;
    }
}

bool is_ignorable(UChar32 c) {
    const auto type = static_cast<UCharCategory>(u_charType(c));
    return u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || is_name_separator(c);
}

opencc::ConverterPtr load_traditional_to_simplified() {
    try {
        opencc::Config config;
        return config.NewFromFile(kTraditionalToSimplified);
    } catch (const opencc::Exception& e) {
        throw core::Error::internal(std::string("无法加载繁简转换配置 t2s.json（libopencc-data）：") + e.what());
    }
}

/// This thread's t2s converter (OpenCC objects are costly to build and not documented as thread-safe).
const opencc::Converter& traditional_to_simplified() {
    thread_local opencc::ConverterPtr converter;
    if (!converter) converter = load_traditional_to_simplified();
    return *converter;
}

/// Every code point of a t2s dictionary key whose conversion differs from the key. OpenCC only rewrites text
/// through dictionary matches, and a match is a substring of the input, so text without any of these code
/// points converts to itself and the (costly) conversion can be skipped. Built once, then read-only.
const std::unordered_set<UChar32>& t2s_changeable() {
    static const std::unordered_set<UChar32> changeable = [] {
        std::unordered_set<UChar32> out;
        const opencc::ConverterPtr converter = load_traditional_to_simplified();
        const auto conversions = converter->GetConversionChain()->GetConversions();
        for (const auto& conversion : conversions) {
            const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();  // DictGroup builds a new one
            for (const auto& entry : *lexicon) {
                const std::string key = entry->Key();
                if (entry->GetDefault() == key) continue;
                for (int32_t i = 0; i < static_cast<int32_t>(key.size());) {
                    UChar32 c = 0;
                    U8_NEXT(key.data(), i, static_cast<int32_t>(key.size()), c);
                    out.insert(c);
                }
            }
        }
        return out;
    }();
    return changeable;
}

bool may_change_in_t2s(std::string_view text) {
    const auto& changeable = t2s_changeable();
    for (int32_t i = 0; i < static_cast<int32_t>(text.size());) {
        UChar32 c = 0;
        U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
        if (changeable.contains(c)) return true;
    }
    return false;
}

/// The pinyin of one code point, from this thread's ICU transliterator, cached per thread: tones stripped,
/// lower case, ASCII punctuation and white space dropped (characters ICU leaves alone are kept).
const std::string& pinyin_of(UChar32 c) {
    thread_local std::unique_ptr<icu::Transliterator> transliterator;
    thread_local std::unordered_map<UChar32, std::string> cache;
    if (auto it = cache.find(c); it != cache.end()) return it->second;
    if (!transliterator) {
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(icu::Transliterator::createInstance(kPinyinTransform, UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !transliterator)
            throw core::Error::internal(std::string("无法创建拼音转换器：") + u_errorName(status));
    }
    icu::UnicodeString text(c);
    transliterator->transliterate(text);
    std::string out;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 d = text.char32At(i);
        i += U16_LENGTH(d);
        if (d < 0x80) {
            if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
                out += static_cast<char>(d);
            else if (d >= 'A' && d <= 'Z')
                out += static_cast<char>(d - 'A' + 'a');
        } else if (!is_ignorable(d)) {
            icu::UnicodeString(d).toUTF8String(out);
        }
    }
    return cache.emplace(c, std::move(out)).first->second;
}

/// NFKC, then white space, control and format characters and name separators removed.
std::string clean_name(std::string_view name) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw core::Error::internal(std::string("无法加载 NFKC 规范化：") + u_errorName(status));
    const icu::UnicodeString source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    const icu::UnicodeString normal = nfkc->normalize(source, status);
    if (U_FAILURE(status)) throw core::Error::internal(std::string("姓名规范化失败：") + u_errorName(status));
    icu::UnicodeString kept;
    for (int32_t i = 0; i < normal.length();) {
        const UChar32 c = normal.char32At(i);
        i += U16_LENGTH(c);
        if (!is_ignorable(c)) kept.append(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool well_formed_date(std::string_view d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(d[i])) return false;
    return true;
}

void append_unique(std::vector<std::string>& keys, std::vector<std::string> more) {
    for (auto& key : more)
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
}

bool shares_key(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a)
        if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    return false;
}

void sort_unique(std::vector<std::int64_t>& ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

/// The rule once the candidates are known (sealed ones already left out): exact beats name, name beats none.
MatchResult outcome(std::vector<std::int64_t> exact, std::vector<std::int64_t> named) {
    MatchResult result;
    if (!exact.empty()) {
        result.status = MatchStatus::Hit;
        result.record_ids = std::move(exact);
    } else if (!named.empty()) {
        result.status = MatchStatus::PendingReview;
        result.record_ids = std::move(named);
    }
    sort_unique(result.record_ids);
    return result;
}

std::uint64_t hash_key(std::string_view key) {
    return std::hash<std::string_view>{}(key);
}

}  // namespace

std::string_view status_code(MatchStatus status) {
    switch (status) {
        case MatchStatus::Clear:
            return "clear";
        case MatchStatus::PendingReview:
            return "pending_review";
        case MatchStatus::Hit:
            return "hit";
        case MatchStatus::InvalidId:
            return "invalid_id";
    }
    return "clear";
}

std::optional<core::IdNumber> normalise_id(std::string_view raw, core::IdNumberError* error, std::string_view today) {
    return core::parse_id_number(raw, error, today);
}

NameKeys name_keys(std::string_view name) {
    NameKeys keys;
    const std::string cleaned = clean_name(name);
    if (cleaned.empty()) return keys;
    try {
        keys.simplified = may_change_in_t2s(cleaned) ? traditional_to_simplified().Convert(cleaned) : cleaned;
    } catch (const opencc::Exception& e) {
        throw core::Error::internal(std::string("繁简转换失败：") + e.what());
    }
    const std::string_view simplified = keys.simplified;
    for (int32_t i = 0; i < static_cast<int32_t>(simplified.size());) {
        UChar32 c = 0;
        U8_NEXT(simplified.data(), i, static_cast<int32_t>(simplified.size()), c);
        if (c < 0) continue;  // cannot happen: clean_name() produced valid UTF-8
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                keys.pinyin += static_cast<char>(c);
            else if (c >= 'A' && c <= 'Z')
                keys.pinyin += static_cast<char>(c - 'A' + 'a');
        } else {
            keys.pinyin += pinyin_of(c);
        }
    }
    return keys;
}

std::string exact_key(std::string_view id18) {
    std::string key = "id:";
    key.append(id18);
    return key;
}

std::vector<std::string> name_birth_sex_keys(const NameKeys& name, std::string_view birth_date, char sex) {
    if (!birth_date.empty() && !well_formed_date(birth_date))
        throw core::Error::internal("出生日期必须是 YYYY-MM-DD 格式");
    if (sex != 'M' && sex != 'F') throw core::Error::internal("性别必须是 M 或 F");
    std::vector<std::string> keys;
    if (birth_date.empty()) return keys;
    auto key = [&](std::string_view prefix, std::string_view text) {
        std::string out;
        out.reserve(prefix.size() + text.size() + birth_date.size() + 3);
        out.append(prefix).append(text).append("|").append(birth_date).append("|").push_back(sex);
        return out;
    };
    if (!name.simplified.empty()) keys.push_back(key("zh:", name.simplified));
    if (!name.pinyin.empty()) keys.push_back(key("py:", name.pinyin));
    return keys;
}

std::vector<std::string> name_birth_sex_keys(std::string_view name, std::string_view birth_date, char sex) {
    return name_birth_sex_keys(name_keys(name), birth_date, sex);
}

RegistryEntry registry_entry(std::int64_t record_id, std::string_view raw_id, std::string_view name,
                             std::string_view birth_date, char sex, bool sealed) {
    RegistryEntry entry;
    entry.record_id = record_id;
    entry.sealed = sealed;
    const auto id = core::parse_id_number(raw_id);
    if (id) entry.id18 = id->value;
    const NameKeys keys = name_keys(name);
    if (well_formed_date(birth_date) && (sex == 'M' || sex == 'F'))
        append_unique(entry.name_keys, name_birth_sex_keys(keys, birth_date, sex));
    if (id) append_unique(entry.name_keys, name_birth_sex_keys(keys, id->birth_date, id->sex));
    return entry;
}

StaffKeys staff_keys(std::string_view raw_id, std::string_view name, std::string_view today) {
    StaffKeys staff;
    staff.id = core::parse_id_number(raw_id, &staff.id_error, today);
    if (staff.id) staff.name_keys = name_birth_sex_keys(name, staff.id->birth_date, staff.id->sex);
    return staff;
}

MatchResult decide(const StaffKeys& staff, std::span<const RegistryEntry> candidates) {
    if (!staff.id) return {MatchStatus::InvalidId, {}};
    std::vector<std::int64_t> exact, named;
    for (const auto& entry : candidates) {
        if (entry.sealed) continue;
        if (!entry.id18.empty() && entry.id18 == staff.id->value)
            exact.push_back(entry.record_id);
        else if (shares_key(entry.name_keys, staff.name_keys))
            named.push_back(entry.record_id);
    }
    return outcome(std::move(exact), std::move(named));
}

// --- MatchIndex ---------------------------------------------------------------------------------------

MatchIndex::MatchIndex() {
    arena_.push_back('\0');
}  // offset 0 marks an empty slot

void MatchIndex::reserve(std::size_t records) {
    grow(ids_, records * 3 / 2);
    grow(names_, records * 3);
    arena_.reserve(arena_.size() + records * 96);
    postings_.reserve(records * 3);
    record_ids_.reserve(records);
}

void MatchIndex::add(const RegistryEntry& entry) {
    ++records_;
    if (entry.sealed) return;
    if (record_ids_.size() >= std::numeric_limits<std::uint32_t>::max())
        throw core::Error::internal("比对索引记录数超过上限");
    const auto record = static_cast<std::uint32_t>(record_ids_.size());
    record_ids_.push_back(entry.record_id);
    if (!entry.id18.empty()) insert(ids_, entry.id18, record);
    for (const auto& key : entry.name_keys) insert(names_, key, record);
}

MatchResult MatchIndex::check(const StaffKeys& staff) const {
    if (!staff.id) return {MatchStatus::InvalidId, {}};
    std::vector<std::int64_t> exact, named;
    auto collect = [&](const Slot* slot, std::vector<std::int64_t>& into) {
        if (slot == nullptr) return;
        for (std::uint32_t p = slot->postings + 1; p != 0; p = postings_[p - 1].next)
            into.push_back(record_ids_[postings_[p - 1].record]);
    };
    collect(find(ids_, staff.id->value), exact);
    if (exact.empty())
        for (const auto& key : staff.name_keys) collect(find(names_, key), named);
    return outcome(std::move(exact), std::move(named));
}

std::string_view MatchIndex::key_at(std::uint32_t offset) const {
    std::uint32_t length = 0;
    std::memcpy(&length, arena_.data() + offset, sizeof length);
    return std::string_view(arena_).substr(offset + sizeof length, length);
}

void MatchIndex::grow(Table& table, std::size_t min_slots) {
    std::size_t capacity = 16;
    while (capacity < min_slots) capacity <<= 1;
    if (capacity <= table.slots.size()) return;
    std::vector<Slot> old = std::exchange(table.slots, std::vector<Slot>(capacity));
    const std::size_t mask = capacity - 1;
    for (const Slot& slot : old) {
        if (slot.key == 0) continue;
        std::size_t i = slot.hash & mask;
        while (table.slots[i].key != 0) i = (i + 1) & mask;
        table.slots[i] = slot;
    }
}

void MatchIndex::insert(Table& table, std::string_view key, std::uint32_t record) {
    // Keep the load at most 2/3 so that linear probing stays short.
    if ((table.used + 1) * 3 > table.slots.size() * 2) grow(table, std::max<std::size_t>(16, table.slots.size() * 2));
    if (postings_.size() >= std::numeric_limits<std::uint32_t>::max() - 1)
        throw core::Error::internal("比对索引键数超过上限");
    const std::uint64_t hash = hash_key(key);
    const std::size_t mask = table.slots.size() - 1;
    std::size_t i = hash & mask;
    while (table.slots[i].key != 0) {
        Slot& slot = table.slots[i];
        if (slot.hash == hash && key_at(slot.key) == key) {
            postings_.push_back({record, slot.postings + 1});
            slot.postings = static_cast<std::uint32_t>(postings_.size() - 1);
            return;
        }
        i = (i + 1) & mask;
    }
    const std::size_t offset = arena_.size();
    if (offset + sizeof(std::uint32_t) + key.size() > std::numeric_limits<std::uint32_t>::max())
        throw core::Error::internal("比对索引超过 4 GB");
    const auto length = static_cast<std::uint32_t>(key.size());
    arena_.append(reinterpret_cast<const char*>(&length), sizeof length);
    arena_.append(key);
    postings_.push_back({record, 0});
    table.slots[i] = Slot{hash, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(postings_.size() - 1)};
    ++table.used;
}

const MatchIndex::Slot* MatchIndex::find(const Table& table, std::string_view key) const {
    if (table.slots.empty()) return nullptr;
    const std::uint64_t hash = hash_key(key);
    const std::size_t mask = table.slots.size() - 1;
    for (std::size_t i = hash & mask; table.slots[i].key != 0; i = (i + 1) & mask) {
        const Slot& slot = table.slots[i];
        if (slot.hash == hash && key_at(slot.key) == key) return &slot;
    }
    return nullptr;
}

}  // namespace hulei::screening
