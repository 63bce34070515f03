// Screening at scale: 100,000 staff against a registry of 1,000,000 synthetic records (valid ID numbers
// with correct check characters, names from a fixed character pool, 2% sealed). About 3% of the staff are
// exact hits (their ID written as typed: spaces, full-width digits, lower-case x, old 15-digit form), 3%
// share a variant name (traditional characters or a homophone surname) with the same birth date and sex,
// 0.5% carry the ID of a sealed record, the rest are clear.
//
// Timed on one thread: the staff keys (ID normalisation, OpenCC, pinyin), building the MatchIndex from the
// registry's precomputed keys (as the registry stores them at import), and checking every staff person.
// Baseline, same run: a bare hash join — std::unordered_set of the 1,000,000 canonical ID strings probed by
// the 100,000 canonical staff IDs (no normalisation, no names). Deriving the registry's keys is set-up
// (done once per record at import) and runs on two threads, untimed apart from a note.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/id_number.hpp"
#include "modules/screening/screening_match.hpp"

using namespace hulei::screening;

namespace {

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

const std::vector<std::string> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董",
    "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢"};
const std::vector<std::string> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
    "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "文", "辉", "玉", "兰", "峰", "林", "云", "飞", "鹏",
    "龙", "海", "东", "春", "雪", "梅", "燕", "琳", "宁", "波", "斌", "凤", "婷", "浩", "宇", "欣", "佳", "俊",
    "晨", "阳", "德", "志", "荣", "新", "亮", "成", "振", "晓", "思", "嘉", "子", "怡", "雨", "梦", "丹", "倩",
    "鑫", "凯", "博", "瑞", "琪", "慧", "颖", "昊", "天", "瑶", "楠", "帅", "彬", "坤", "敬", "翔", "贵", "福",
    "生", "永", "金", "立", "庆", "良", "安", "家", "民", "友", "才", "顺", "泽", "晶", "月", "莉", "萍", "璐"};
/// Simplified → traditional, for the variant names (OpenCC must bring them back).
const std::vector<std::pair<std::string, std::string>> kTraditional = {
    {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"黄", "黃"}, {"赵", "趙"}, {"吴", "吳"}, {"孙", "孫"},
    {"马", "馬"}, {"罗", "羅"}, {"郑", "鄭"}, {"谢", "謝"}, {"许", "許"}, {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"},
    {"蒋", "蔣"}, {"叶", "葉"}, {"苏", "蘇"}, {"吕", "呂"}, {"卢", "盧"}, {"伟", "偉"}, {"丽", "麗"}, {"强", "強"},
    {"军", "軍"}, {"艳", "艷"}, {"涛", "濤"}, {"刚", "剛"}, {"华", "華"}, {"国", "國"}, {"红", "紅"}, {"辉", "輝"},
    {"兰", "蘭"}, {"飞", "飛"}, {"鹏", "鵬"}, {"龙", "龍"}, {"东", "東"}, {"宁", "寧"}, {"凤", "鳳"}, {"斌", "斌"}};
/// Surname → homophone surname (same pinyin, different character).
const std::vector<std::pair<std::string, std::string>> kHomophones = {
    {"张", "章"}, {"王", "汪"}, {"李", "黎"}, {"刘", "柳"}, {"吴", "武"}, {"周", "舟"}, {"徐", "许"}, {"杨", "阳"},
    {"林", "临"}, {"何", "和"}, {"朱", "祝"}, {"胡", "湖"}, {"郭", "国"}, {"高", "郜"}, {"程", "成"}, {"陈", "晨"}};
/// Registry and "other" staff draw regions from disjoint pools, so a clear person's ID never collides by chance.
const std::vector<std::string> kRegistryRegions = {"110101", "110105", "120101", "310104", "320102", "330106",
                                                   "340102", "350102", "360102", "370102", "410102", "420102"};
const std::vector<std::string> kStaffRegions = {"430102", "440106", "450102", "500103", "510104", "520102",
                                                "530102", "610102", "620102", "640104", "650102", "440305"};

struct Person {
    std::string id18, name, birth;  // birth as YYYY-MM-DD
    char sex = 'M';
    bool sealed = false;
};

enum class Planted { Hit, Review, SealedId, Clear };

struct Staff {
    std::string raw_id, name;
    Planted planted = Planted::Clear;
};

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}
    int uni(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(uni(0, int(v.size()) - 1))];
    }

    std::string name() {
        std::string n = pick(kSurnames) + pick(kGiven);
        if (uni(0, 2) != 0) n += pick(kGiven);
        return n;
    }
    /// A random birth date between 1955 and 2004 as YYYYMMDD.
    std::string birth() {
        using namespace std::chrono;
        const year_month_day d{sys_days{year{1955} / January / 1} + days{uni(0, 50 * 365)}};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d%02u%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
        return buf;
    }
    /// A valid ID in `region`, born `birth` (YYYYMMDD), of `sex` ('M' odd 17th digit, 'F' even).
    std::string id(const std::string& region, const std::string& birth, char sex) {
        int seq = uni(0, 999);
        if ((seq % 2 == 1) != (sex == 'M')) seq = (seq + 1) % 1000;
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03d", seq);
        const std::string first17 = region + birth + buf;
        return first17 + hulei::core::id_checksum(first17);
    }
    /// The ID as someone might type it.
    std::string typed(const std::string& id18) {
        switch (uni(0, 4)) {
            case 0:
                return id18.substr(0, 6) + " " + id18.substr(6, 8) + " " + id18.substr(14);
            case 1: {
                std::string out;
                for (char c : id18)
                    out += c == 'X' ? std::string("\xEF\xBD\x98") : "\xEF\xBC" + std::string(1, char(0x90 + (c - '0')));
                return out;
            }
            case 2: {
                if (id18[6] == '1' && id18[7] == '9')
                    return id18.substr(0, 6) + id18.substr(8, 9);  // old 15-digit form
                return id18;
            }
            case 3: {
                std::string out = id18;
                if (out.back() == 'X') out.back() = 'x';
                return out;
            }
            default:
                return id18;
        }
    }
    /// A variant of a simplified name: traditional characters, or a homophone surname.
    std::string variant(const std::string& name) {
        std::string out = name;
        if (uni(0, 1) == 0) {
            for (const auto& [s, t] : kTraditional)
                for (std::size_t at = out.find(s); at != std::string::npos; at = out.find(s, at + t.size()))
                    out.replace(at, s.size(), t);
        } else {
            for (const auto& [s, h] : kHomophones)
                if (out.starts_with(s)) return h + out.substr(s.size());
        }
        return out;
    }

private:
    std::mt19937_64 rng_;
};

std::string dashed(const std::string& yyyymmdd) {
    return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

}  // namespace

int main() {
    const int n_registry = 1'000'000, n_staff = 100'000;
    Generator gen(20261129);

    std::vector<Person> registry(n_registry);
    std::unordered_set<std::string> taken;  // one record per ID, so a sealed record's ID is never also unsealed
    taken.reserve(registry.size());
    for (auto& p : registry) {
        std::string birth;
        do {
            birth = gen.birth();
            p.sex = gen.uni(0, 1) ? 'M' : 'F';
            p.id18 = gen.id(gen.pick(kRegistryRegions), birth, p.sex);
        } while (!taken.insert(p.id18).second);
        p.name = gen.name();
        p.birth = dashed(birth);
        p.sealed = gen.uni(0, 99) < 2;
    }
    taken.clear();

    std::vector<Staff> staff(n_staff);
    std::vector<std::string> staff_canonical(n_staff);
    int planted_hit = 0, planted_review = 0, planted_sealed = 0;
    for (int i = 0; i < n_staff; ++i) {
        Staff& s = staff[i];
        const int roll = gen.uni(0, 999);
        const Person* r = &registry[static_cast<std::size_t>(gen.uni(0, n_registry - 1))];
        if (roll < 30 || (roll < 65 && roll >= 60)) {
            // Exact hit (unsealed) or the ID of a sealed record.
            const bool want_sealed = roll >= 60;
            while (r->sealed != want_sealed) r = &registry[static_cast<std::size_t>(gen.uni(0, n_registry - 1))];
            s.raw_id = gen.typed(r->id18);
            s.name = gen.uni(0, 1) ? r->name : gen.name();
            s.planted = want_sealed ? Planted::SealedId : Planted::Hit;
            staff_canonical[i] = r->id18;
        } else if (roll < 60) {
            // Another person (another region, so another ID) with a variant of a record's name, same birth and sex.
            while (r->sealed) r = &registry[static_cast<std::size_t>(gen.uni(0, n_registry - 1))];
            const std::string birth = r->birth.substr(0, 4) + r->birth.substr(5, 2) + r->birth.substr(8, 2);
            staff_canonical[i] = gen.id(gen.pick(kStaffRegions), birth, r->sex);
            s.raw_id = staff_canonical[i];
            s.name = gen.variant(r->name);
            s.planted = Planted::Review;
        } else {
            staff_canonical[i] = gen.id(gen.pick(kStaffRegions), gen.birth(), gen.uni(0, 1) ? 'M' : 'F');
            s.raw_id = gen.typed(staff_canonical[i]);
            s.name = gen.name();
        }
        planted_hit += s.planted == Planted::Hit;
        planted_review += s.planted == Planted::Review;
        planted_sealed += s.planted == Planted::SealedId;
    }

    // Set-up: the registry's keys, as the registry module computes them once at import (two threads).
    auto t0 = std::chrono::steady_clock::now();
    std::vector<RegistryEntry> entries(registry.size());
    {
        const unsigned n_threads = 2;
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < n_threads; ++t)
            threads.emplace_back([&, t] {
                for (std::size_t i = t; i < registry.size(); i += n_threads) {
                    const Person& p = registry[i];
                    entries[i] =
                        registry_entry(static_cast<std::int64_t>(i + 1), p.id18, p.name, p.birth, p.sex, p.sealed);
                }
            });
        for (auto& thread : threads) thread.join();
    }
    const double setup_s = seconds(t0);
    // Warm this thread's converters so their one-off creation is not counted below.
    (void)name_keys("張偉");

    // Baseline: a bare hash join of canonical ID strings.
    t0 = std::chrono::steady_clock::now();
    std::unordered_set<std::string> id_set;
    id_set.reserve(registry.size());
    for (const auto& p : registry) id_set.insert(p.id18);
    std::size_t joined = 0;
    for (const auto& id : staff_canonical) joined += id_set.count(id);
    const double baseline_s = seconds(t0);

    // Hulei: staff keys, index build, checks.
    t0 = std::chrono::steady_clock::now();
    std::vector<StaffKeys> keys;
    keys.reserve(staff.size());
    for (const auto& s : staff) keys.push_back(staff_keys(s.raw_id, s.name));
    const double keys_s = seconds(t0);

    t0 = std::chrono::steady_clock::now();
    MatchIndex index;
    index.reserve(entries.size());
    for (const auto& e : entries) index.add(e);
    const double build_s = seconds(t0);

    t0 = std::chrono::steady_clock::now();
    std::vector<MatchStatus> statuses;
    statuses.reserve(keys.size());
    for (const auto& k : keys) statuses.push_back(index.check(k).status);
    const double check_s = seconds(t0);
    const double screening_s = keys_s + build_s + check_s;

    int counts[4] = {0, 0, 0, 0}, wrong = 0, chance_review = 0;
    for (std::size_t i = 0; i < staff.size(); ++i) {
        const MatchStatus got = statuses[i];
        ++counts[static_cast<int>(got)];
        switch (staff[i].planted) {
            case Planted::Hit:
                wrong += got != MatchStatus::Hit;
                break;
            case Planted::Review:
                wrong += got != MatchStatus::PendingReview;
                break;
            // A sealed ID never hits; the name may still resemble some other record by chance.
            case Planted::SealedId:
                wrong += got == MatchStatus::Hit || got == MatchStatus::InvalidId;
                break;
            case Planted::Clear:
                wrong += got == MatchStatus::Hit || got == MatchStatus::InvalidId;
                chance_review += got == MatchStatus::PendingReview;
                break;
        }
    }

    std::printf(
        "screening: %d staff against %zu registry records (%d planted hits, %d planted name matches, "
        "%d sealed IDs)\n",
        n_staff, index.size(), planted_hit, planted_review, planted_sealed);
    std::printf(
        "statuses: clear=%d pending_review=%d hit=%d invalid_id=%d (clear staff resembling a record by "
        "chance: %d); baseline join found %zu\n",
        counts[0], counts[1], counts[2], counts[3], chance_review, joined);
    std::printf("set-up (registry keys, 2 threads, untimed): %.3f s\n", setup_s);
    std::printf("name                                  seconds    x baseline\n");
    std::printf("baseline hash join (set of IDs)     %9.3f         1.0\n", baseline_s);
    std::printf("  staff keys (ID, OpenCC, pinyin)   %9.3f    %8.1f\n", keys_s, keys_s / baseline_s);
    std::printf("  MatchIndex build (1M records)     %9.3f    %8.1f\n", build_s, build_s / baseline_s);
    std::printf("  MatchIndex check (all staff)      %9.3f    %8.1f\n", check_s, check_s / baseline_s);
    std::printf("hulei screening (sum)               %9.3f    %8.1f\n", screening_s, screening_s / baseline_s);
    std::printf("screening_seconds=%.3f ratio=%.2f wrong=%d\n", screening_s, screening_s / baseline_s, wrong);
    return wrong == 0 ? 0 : 1;
}
