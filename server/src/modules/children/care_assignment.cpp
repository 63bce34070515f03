#include "modules/children/care_assignment.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/error.hpp"

namespace hulei::children {

const char* seat_label(Seat seat) {
    switch (seat) {
        case Seat::Village: return "儿童主任/村干部";
        case Seat::Teacher: return "教师";
        case Seat::Police: return "民警";
    }
    return "";
}

namespace {

constexpr std::array<Seat, 3> kSeats{Seat::Village, Seat::Teacher, Seat::Police};

bool is_female(char sex) { return sex == 'F' || sex == 'f'; }
int seat_index(Seat seat) { return static_cast<int>(seat); }
long long ceil_div(long long a, long long b) { return a <= 0 ? 0 : (a + b - 1) / b; }

std::string unit_name(const Coverage& coverage, std::int64_t unit) {
    auto it = coverage.unit_names.find(unit);
    return it != coverage.unit_names.end() ? it->second : "单位#" + std::to_string(unit);
}

struct Person {
    std::int64_t id;
    bool female;
    int pool;
    int children = 0;  // x
    int girls = 0;     // y
};

// All persons of one seat type in one unit, with ordered sets of those who can still take a girl / a boy.
struct Pool {
    Seat seat = Seat::Village;
    std::int64_t unit = 0;
    std::vector<int> members;
    bool has_female = false;
    std::array<std::set<std::tuple<int, int, int>>, 2> girl_set;  // [female] (girls, children, person)
    std::array<std::set<std::pair<int, int>>, 2> boy_set;         // [female] (children, person)
    std::set<std::tuple<int, int, int>> woman_for_boy;            // women: (children − girls, children, person)
    long long female_child_supply = 0;
    long long female_girl_supply = 0;
    long long all_children = 0, all_girls = 0;   // children for whom this is the only pool of the seat
    long long open = 0, open_girls = 0;          // seats left open (capacity or woman)
    long long woman = 0, woman_girls = 0;        // of which left open waiting for a woman
    bool girl_room_exhausted = false;
};

constexpr long long kInfinite = 1LL << 50;

// Dinic's maximum flow; the graphs here are small (classes of children × pools), not one node per child.
class MaxFlow {
public:
    explicit MaxFlow(int nodes) : adjacency_(nodes), level_(nodes), cursor_(nodes) {}

    /// Adds u→v with `capacity`; returns the edge id for flow_on.
    int add_edge(int u, int v, long long capacity) {
        edges_.push_back({v, capacity, 0});
        adjacency_[u].push_back(static_cast<int>(edges_.size()) - 1);
        edges_.push_back({u, 0, 0});
        adjacency_[v].push_back(static_cast<int>(edges_.size()) - 1);
        return static_cast<int>(edges_.size()) - 2;
    }
    long long flow_on(int edge) const { return edges_[edge].flow; }

    long long run(int source, int sink) {
        long long total = 0;
        while (bfs(source, sink)) {
            std::fill(cursor_.begin(), cursor_.end(), 0);
            while (long long pushed = dfs(source, sink, kInfinite)) total += pushed;
        }
        return total;
    }

private:
    struct Edge {
        int to;
        long long capacity;
        long long flow;
    };

    bool bfs(int source, int sink) {
        std::fill(level_.begin(), level_.end(), -1);
        std::vector<int> queue{source};
        level_[source] = 0;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            int u = queue[head];
            for (int e : adjacency_[u]) {
                const Edge& edge = edges_[e];
                if (edge.capacity - edge.flow > 0 && level_[edge.to] < 0) {
                    level_[edge.to] = level_[u] + 1;
                    queue.push_back(edge.to);
                }
            }
        }
        return level_[sink] >= 0;
    }

    long long dfs(int u, int sink, long long limit) {
        if (u == sink) return limit;
        for (int& i = cursor_[u]; i < static_cast<int>(adjacency_[u].size()); ++i) {
            int e = adjacency_[u][i];
            Edge& edge = edges_[e];
            if (edge.capacity - edge.flow <= 0 || level_[edge.to] != level_[u] + 1) continue;
            if (long long pushed = dfs(edge.to, sink, std::min(limit, edge.capacity - edge.flow))) {
                edge.flow += pushed;
                edges_[e ^ 1].flow -= pushed;
                return pushed;
            }
        }
        return 0;
    }

    std::vector<Edge> edges_;
    std::vector<std::vector<int>> adjacency_;
    std::vector<int> level_;
    std::vector<int> cursor_;
};

struct Kid {
    const ChildNeed* need = nullptr;
    bool girl = false;
    std::array<std::vector<int>, 3> options;  // pools eligible for each seat
    std::array<int, 3> person{-1, -1, -1};
    std::array<bool, 3> kept{false, false, false};
    int reserved = -1;  // seat left open for a woman
    std::array<std::string, 3> reason;
};

class Engine {
public:
    Engine(const std::vector<ChildNeed>& children, const std::vector<CarePerson>& persons, const Coverage& coverage,
           const AssignmentRules& rules)
        : coverage_(coverage), rules_(rules), cap_(rules.max_children_per_person),
          girl_cap_(std::min(rules.max_girls_per_person, rules.max_children_per_person)) {
        std::vector<const CarePerson*> sorted;
        sorted.reserve(persons.size());
        for (const auto& p : persons) sorted.push_back(&p);
        std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
        persons_.reserve(sorted.size());
        for (const auto* p : sorted) {
            if (!person_index_.emplace(p->id, static_cast<int>(persons_.size())).second)
                throw core::Error::validation("duplicate_person", "包保人重复：" + std::to_string(p->id));
            int pool = pool_of(p->seat, p->unit_id);
            persons_.push_back({p->id, is_female(p->sex), pool});
            pools_[pool].members.push_back(static_cast<int>(persons_.size()) - 1);
            pools_[pool].has_female = pools_[pool].has_female || is_female(p->sex);
        }
        for (int i = 0; i < static_cast<int>(persons_.size()); ++i) insert_keys(i);
        holders_.resize(persons_.size());

        std::vector<const ChildNeed*> kids;
        kids.reserve(children.size());
        for (const auto& c : children) kids.push_back(&c);
        std::sort(kids.begin(), kids.end(), [](auto* a, auto* b) { return a->id < b->id; });
        kids_.reserve(kids.size());
        for (std::size_t i = 0; i < kids.size(); ++i) {
            if (i > 0 && kids[i]->id == kids[i - 1]->id)
                throw core::Error::validation("duplicate_child", "儿童重复：" + std::to_string(kids[i]->id));
            Kid k;
            k.need = kids[i];
            k.girl = is_female(kids[i]->sex);
            k.options[0].push_back(pool_of(Seat::Village, kids[i]->village_id));
            if (kids[i]->school_id) k.options[1].push_back(pool_of(Seat::Teacher, *kids[i]->school_id));
            if (auto it = coverage.police_units_of_village.find(kids[i]->village_id);
                it != coverage.police_units_of_village.end()) {
                for (auto unit : it->second) {
                    int pool = pool_of(Seat::Police, unit);
                    if (std::find(k.options[2].begin(), k.options[2].end(), pool) == k.options[2].end())
                        k.options[2].push_back(pool);
                }
            }
            for (int s = 0; s < 3; ++s) {
                if (k.options[s].size() == 1) {
                    pools_[k.options[s][0]].all_children++;
                    if (k.girl) pools_[k.options[s][0]].all_girls++;
                }
            }
            kids_.push_back(std::move(k));
        }
    }

    AssignmentResult run() {
        keep_existing();
        if (rules_.require_woman) designate_women();
        for (Seat seat : kSeats) fill(seat_index(seat));
        return result();
    }

private:
    int pool_of(Seat seat, std::int64_t unit) {
        auto [it, inserted] = pool_index_.try_emplace({seat_index(seat), unit}, static_cast<int>(pools_.size()));
        if (inserted) {
            pools_.emplace_back();
            pools_.back().seat = seat;
            pools_.back().unit = unit;
        }
        return it->second;
    }

    bool can_take(const Person& p, bool girl) const {
        return p.children < cap_ && (!girl || p.girls < girl_cap_);
    }

    void insert_keys(int i) {
        Person& p = persons_[i];
        Pool& pool = pools_[p.pool];
        if (p.children < cap_) pool.boy_set[p.female].insert({p.children, i});
        if (p.female && p.children < cap_) pool.woman_for_boy.insert({p.children - p.girls, p.children, i});
        if (can_take(p, true)) pool.girl_set[p.female].insert({p.girls, p.children, i});
        if (p.female) {
            pool.female_child_supply += cap_ - p.children;
            pool.female_girl_supply += std::max(0, std::min(girl_cap_ - p.girls, cap_ - p.children));
        }
    }

    void erase_keys(int i) {
        Person& p = persons_[i];
        Pool& pool = pools_[p.pool];
        pool.boy_set[p.female].erase({p.children, i});
        if (p.female) pool.woman_for_boy.erase({p.children - p.girls, p.children, i});
        pool.girl_set[p.female].erase({p.girls, p.children, i});
        if (p.female) {
            pool.female_child_supply -= cap_ - p.children;
            pool.female_girl_supply -= std::max(0, std::min(girl_cap_ - p.girls, cap_ - p.children));
        }
    }

    void load(int i, bool girl, int delta) {
        erase_keys(i);
        persons_[i].children += delta;
        if (girl) persons_[i].girls += delta;
        insert_keys(i);
    }

    void put(Kid& k, int s, int person) {
        load(person, k.girl, +1);
        k.person[s] = person;
        holders_[person].push_back(static_cast<int>(&k - kids_.data()));
    }

    void release(Kid& k, int s) {
        auto& held = holders_[k.person[s]];
        held.erase(std::find(held.begin(), held.end(), static_cast<int>(&k - kids_.data())));
        load(k.person[s], k.girl, -1);
        k.person[s] = -1;
        k.kept[s] = false;
    }

    // Whether person q is the only woman on boy k's team and the team needs her.
    bool depends_on(const Kid& k, int q) const {
        if (!rules_.require_woman || !persons_[q].female) return false;
        if (k.need->has_guardian && k.need->guardian_female) return false;
        for (int s = 0; s < 3; ++s)
            if (k.person[s] >= 0 && k.person[s] != q && persons_[k.person[s]].female) return false;
        return true;
    }

    // A girl finds no room in `pool_id` although someone there still has girl room but is full of children:
    // move one of that person's boys to a colleague with room (a woman if the boy needs her), and return the
    // person freed for the girl, or -1. Once this fails for a pool it fails for the rest of the seat's fill.
    int make_room_for_girl(int pool_id, int s) {
        Pool& pool = pools_[pool_id];
        if (pool.girl_room_exhausted) return -1;
        for (int q : pool.members) {
            const Person& full = persons_[q];
            if (full.children < cap_ || full.girls >= girl_cap_) continue;
            for (int k_index : holders_[q]) {
                Kid& boy = kids_[k_index];
                if (boy.girl || boy.person[s] != q) continue;
                int target = -1;
                for (int f = depends_on(boy, q) ? 1 : 0; f < 2 && target < 0; ++f)
                    if (!pool.boy_set[f].empty()) target = pool.boy_set[f].begin()->second;
                if (target < 0) continue;
                release(boy, s);
                put(boy, s, target);
                return q;
            }
        }
        pool.girl_room_exhausted = true;
        return -1;
    }

    // The least-loaded person of `pools` who can take this child (fewest girls for a girl), or -1.
    int pick(const std::vector<int>& pools, bool girl, bool female_only) const {
        int best = -1;
        std::tuple<int, int, int> best_key{};
        for (int pool_id : pools) {
            const Pool& pool = pools_[pool_id];
            for (int f = female_only ? 1 : 0; f < 2; ++f) {
                std::tuple<int, int, int> key;
                if (girl) {
                    if (pool.girl_set[f].empty()) continue;
                    key = *pool.girl_set[f].begin();
                } else {
                    if (pool.boy_set[f].empty()) continue;
                    auto [x, i] = *pool.boy_set[f].begin();
                    key = {0, x, i};
                }
                if (best < 0 || key < best_key) {
                    best = std::get<2>(key);
                    best_key = key;
                }
            }
        }
        return best;
    }

    // A woman of `pool` for a woman-needing child: for a boy, the one with the most room beyond her girl room, so
    // that boys placed now do not take room the girls of phase 2 need.
    int woman_for(int pool_id, bool girl) const {
        const Pool& pool = pools_[pool_id];
        if (girl) return pick({pool_id}, true, true);
        return pool.woman_for_boy.empty() ? -1 : std::get<2>(*pool.woman_for_boy.begin());
    }

    // Phase 0: keep every still-eligible existing assignment, in child-id order, while both caps hold.
    void keep_existing() {
        std::vector<std::tuple<int, int, int>> wanted;  // person, kid, seat
        for (int k = 0; k < static_cast<int>(kids_.size()); ++k) {
            for (auto [seat, person_id] : kids_[k].need->current) {
                auto it = person_index_.find(person_id);
                if (it == person_index_.end()) continue;
                const Pool& pool = pools_[persons_[it->second].pool];
                const auto& options = kids_[k].options[seat_index(seat)];
                if (pool.seat != seat) continue;
                if (std::find(options.begin(), options.end(), persons_[it->second].pool) == options.end()) continue;
                wanted.emplace_back(it->second, k, seat_index(seat));
            }
        }
        std::sort(wanted.begin(), wanted.end());
        for (auto [person, k, s] : wanted) {
            if (!can_take(persons_[person], kids_[k].girl)) continue;
            put(kids_[k], s, person);
            kids_[k].kept[s] = true;
        }
    }

    bool needs_woman(const Kid& k) const {
        if (k.need->has_guardian && k.need->guardian_female) return false;
        for (int s = 0; s < 3; ++s)
            if (k.person[s] >= 0 && persons_[k.person[s]].female) return false;
        return true;
    }

    // Phase 1: one seat per woman-needing child goes to a woman. Children are grouped into classes (same village,
    // school, sex and kept seats — hence the same eligible pools); a maximum flow from classes through each pool's
    // female girl capacity and female child capacity decides how many of each class get a woman in which pool.
    // The aggregate capacities are exact (girls placed first, each to the woman with most girl room), so the flow
    // is realised person by person without loss: the number of children left without a woman is the minimum.
    void designate_women() {
        std::map<std::tuple<std::int64_t, std::int64_t, bool, int>, std::vector<int>> classes;
        for (int k = 0; k < static_cast<int>(kids_.size()); ++k) {
            if (!needs_woman(kids_[k])) continue;
            const Kid& kid = kids_[k];
            int kept = (kid.kept[0] ? 1 : 0) | (kid.kept[1] ? 2 : 0) | (kid.kept[2] ? 4 : 0);
            classes[{kid.need->village_id, kid.need->school_id.value_or(-1), kid.girl, kept}].push_back(k);
        }
        if (classes.empty()) return;
        const int n_pools = static_cast<int>(pools_.size());
        const int source = 0, sink = 1, pool_base = 2, girl_base = 2 + n_pools, boy_base = 2 + 2 * n_pools;
        const int class_base = 2 + 3 * n_pools;
        // Boys may take a pool's women only as far as the girls who must go to those women (more girls than
        // the men's girl room) keep their room: boys ≤ women's child room − max(0, girls left − men's girl room).
        std::vector<long long> girls_left(n_pools, 0), men_girl_room(n_pools, 0);
        for (const Kid& k : kids_)
            for (int s = 0; s < 3; ++s)
                if (k.girl && k.person[s] < 0 && k.options[s].size() == 1) girls_left[k.options[s][0]]++;
        for (const Person& p : persons_)
            if (!p.female) men_girl_room[p.pool] += std::max(0, std::min(girl_cap_ - p.girls, cap_ - p.children));
        MaxFlow flow(class_base + static_cast<int>(classes.size()));
        for (int p = 0; p < n_pools; ++p) {
            if (!pools_[p].has_female) continue;
            long long girls_for_women = std::max(0LL, girls_left[p] - men_girl_room[p]);
            flow.add_edge(pool_base + p, sink, pools_[p].female_child_supply);
            flow.add_edge(girl_base + p, pool_base + p, pools_[p].female_girl_supply);
            flow.add_edge(boy_base + p, pool_base + p,
                          std::max(0LL, pools_[p].female_child_supply - girls_for_women));
        }
        struct Route { int pool; int seat; int edge; };
        std::vector<std::vector<Route>> routes(classes.size());
        int c = 0;
        for (const auto& [key, members] : classes) {
            const Kid& kid = kids_[members[0]];
            flow.add_edge(source, class_base + c, static_cast<long long>(members.size()));
            for (bool kept_pass : {false, true}) {  // open seats first: Dinic tries edges in order
                for (int s = 0; s < 3; ++s) {
                    if (kid.kept[s] != kept_pass) continue;
                    for (int p : kid.options[s]) {
                        if (!pools_[p].has_female) continue;
                        int to = (kid.girl ? girl_base : boy_base) + p;
                        routes[c].push_back({p, s, flow.add_edge(class_base + c, to, kInfinite)});
                    }
                }
            }
            ++c;
        }
        flow.run(source, sink);

        // Realise: girls' classes first so every girl finds the girl room the flow counted on.
        std::vector<int> class_order(classes.size());
        std::vector<const std::vector<int>*> members_of;
        for (const auto& [key, members] : classes) members_of.push_back(&members);
        for (int i = 0; i < static_cast<int>(class_order.size()); ++i) class_order[i] = i;
        std::stable_sort(class_order.begin(), class_order.end(), [&](int a, int b) {
            return kids_[(*members_of[a])[0]].girl && !kids_[(*members_of[b])[0]].girl;
        });
        for (int ci : class_order) {
            const auto& members = *members_of[ci];
            std::size_t next = 0;
            for (const Route& route : routes[ci]) {
                for (long long f = flow.flow_on(route.edge); f > 0 && next < members.size(); --f) {
                    Kid& k = kids_[members[next]];
                    int person = woman_for(route.pool, k.girl);
                    if (person < 0) break;  // cannot happen when the aggregate is exact; the child is then reported
                    if (k.person[route.seat] >= 0) release(k, route.seat);
                    put(k, route.seat, person);
                    ++next;
                }
            }
            for (; next < members.size(); ++next) no_woman(kids_[members[next]]);
        }
    }

    // No woman can join: leave the village seat open so no all-male team is formed, and count the shortfall.
    void no_woman(Kid& k) {
        k.reserved = 0;
        if (k.person[0] >= 0) release(k, 0);
        Pool& pool = pools_[k.options[0][0]];
        pool.woman++;
        pool.open++;
        if (k.girl) {
            pool.woman_girls++;
            pool.open_girls++;
        }
        k.reason[0] = "团队中没有女性：需要增加女性包保人（" + unit_name(coverage_, pool.unit) + "）";
    }

    using Quota = std::map<std::pair<std::vector<int>, bool>, std::map<int, long long>>;

    // When some children of seat `s` may use several pools (a village covered by several stations), a maximum
    // flow decides how many children of each (pools, sex) class each pool takes, so that a greedy order cannot
    // strand a village whose only station was filled by others. Per pool the room is exact in aggregate
    // (girls ≤ Σ min(G'−girls, C−children), all ≤ Σ(C−children)) because girls are placed before boys.
    // Empty when every child has a single pool (the greedy is then exact).
    Quota route_shared(int s, const std::vector<int>& order) {
        Quota quota;
        bool shared = false;
        for (int k : order) shared = shared || kids_[k].options[s].size() > 1;
        if (!shared) return quota;
        std::map<std::pair<std::vector<int>, bool>, long long> classes;
        std::map<int, int> local;  // pool → local index
        for (int k : order) {
            if (kids_[k].options[s].empty()) continue;
            classes[{kids_[k].options[s], kids_[k].girl}]++;
            for (int p : kids_[k].options[s]) local.try_emplace(p, static_cast<int>(local.size()));
        }
        const int n = static_cast<int>(local.size());
        const int source = 0, sink = 1, pool_base = 2, girl_base = 2 + n, class_base = 2 + 2 * n;
        MaxFlow flow(class_base + static_cast<int>(classes.size()));
        for (auto [p, i] : local) {
            long long room = 0, girl_room = 0;
            for (int m : pools_[p].members) {
                room += cap_ - persons_[m].children;
                girl_room += std::max(0, std::min(girl_cap_ - persons_[m].girls, cap_ - persons_[m].children));
            }
            flow.add_edge(pool_base + i, sink, room);
            flow.add_edge(girl_base + i, pool_base + i, girl_room);
        }
        std::vector<std::vector<std::pair<int, int>>> edges;  // per class: (pool, edge)
        int c = 0;
        for (const auto& [key, count] : classes) {
            flow.add_edge(source, class_base + c, count);
            edges.emplace_back();
            for (int p : key.first)
                edges.back().emplace_back(
                    p, flow.add_edge(class_base + c, (key.second ? girl_base : pool_base) + local[p], kInfinite));
            ++c;
        }
        flow.run(source, sink);
        c = 0;
        for (const auto& [key, count] : classes) {
            for (auto [p, e] : edges[c]) quota[key][p] = flow.flow_on(e);
            ++c;
        }
        return quota;
    }

    // Phase 2: every other open seat, girls first, most-constrained first, to the least-loaded person.
    void fill(int s) {
        std::vector<int> order;
        for (int k = 0; k < static_cast<int>(kids_.size()); ++k)
            if (kids_[k].person[s] < 0 && kids_[k].reserved != s) order.push_back(k);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            if (kids_[a].girl != kids_[b].girl) return kids_[a].girl;
            if (kids_[a].options[s].size() != kids_[b].options[s].size())
                return kids_[a].options[s].size() < kids_[b].options[s].size();
            return a < b;
        });
        auto quota = route_shared(s, order);
        for (int k_index : order) {
            Kid& k = kids_[k_index];
            const auto& options = k.options[s];
            const std::string village = unit_name(coverage_, k.need->village_id);
            if (options.empty()) {
                k.reason[s] = s == 1 ? "未登记学校：无法分配教师" : village + "：没有覆盖该村的派出所";
                continue;
            }
            int person = -1;
            if (!quota.empty()) {
                for (auto& [pool_id, left] : quota[{options, k.girl}]) {
                    if (left <= 0) continue;
                    person = pick({pool_id}, k.girl, false);
                    if (person >= 0) {
                        --left;
                        break;
                    }
                }
            }
            if (person < 0) person = pick(options, k.girl, false);
            for (std::size_t i = 0; person < 0 && k.girl && i < options.size(); ++i)
                person = make_room_for_girl(options[i], s);
            if (person >= 0) {
                put(k, s, person);
                continue;
            }
            bool any = false;
            for (int p : options) any = any || !pools_[p].members.empty();
            std::string where = s == 1 ? unit_name(coverage_, pools_[options[0]].unit) : village;
            std::string label = seat_label(kSeats[s]);
            if (!any)
                k.reason[s] = where + (s == 2 ? "：覆盖该村的派出所没有民警" : "：没有" + label);
            else
                k.reason[s] = where + "：没有可用的" + label + (k.girl ? "（女童包保均已满额）" : "（均已满额）");
            Pool& pool = pools_[options[0]];
            pool.open++;
            if (k.girl) pool.open_girls++;
        }
    }

    AssignmentResult result() const {
        AssignmentResult r;
        for (const Kid& k : kids_) {
            auto& team = r.teams[k.need->id];
            bool woman = k.need->has_guardian && k.need->guardian_female;
            Incomplete inc{k.need->id, {}, {}, {}};
            for (int s = 0; s < 3; ++s) {
                if (k.person[s] >= 0) {
                    team[kSeats[s]] = persons_[k.person[s]].id;
                    woman = woman || persons_[k.person[s]].female;
                    (k.kept[s] ? r.seats_kept : r.seats_new)++;
                } else {
                    inc.open_seats.push_back(kSeats[s]);
                    if (!k.reason[s].empty()) inc.reasons.push_back(k.reason[s]);
                }
            }
            if (!k.need->has_guardian) inc.reasons.push_back("没有登记监护人或受托人");
            if (team.empty()) r.teams.erase(k.need->id);
            bool complete = inc.open_seats.empty() && k.need->has_guardian && (woman || !rules_.require_woman);
            if (complete) {
                r.assigned++;
                continue;
            }
            for (std::size_t i = 0; i < inc.reasons.size(); ++i) inc.reason += (i ? "；" : "") + inc.reasons[i];
            r.incomplete.push_back(std::move(inc));
        }
        for (const Pool& pool : pools_) {
            long long female = std::max(ceil_div(pool.woman, cap_), ceil_div(pool.woman_girls, girl_cap_));
            long long persons = std::max({female, ceil_div(pool.open, cap_), ceil_div(pool.open_girls, girl_cap_)});
            if (pool.seat != Seat::Police) {
                long long have = static_cast<long long>(pool.members.size());
                persons = std::max({persons, ceil_div(pool.all_children, cap_) - have,
                                    ceil_div(pool.all_girls, girl_cap_) - have});
            }
            if (persons <= 0) continue;
            r.shortfalls.push_back({pool.unit, unit_name(coverage_, pool.unit), pool.seat, static_cast<int>(female),
                                    static_cast<int>(persons)});
        }
        std::sort(r.shortfalls.begin(), r.shortfalls.end(), [](const Shortfall& a, const Shortfall& b) {
            return std::pair(seat_index(a.seat), a.unit_id) < std::pair(seat_index(b.seat), b.unit_id);
        });
        return r;
    }

    const Coverage& coverage_;
    const AssignmentRules& rules_;
    int cap_;
    int girl_cap_;
    std::vector<Person> persons_;
    std::unordered_map<std::int64_t, int> person_index_;
    std::vector<Pool> pools_;
    std::map<std::pair<int, std::int64_t>, int> pool_index_;
    std::vector<Kid> kids_;
    std::vector<std::vector<int>> holders_;  // person → kids he serves
};

}  // namespace

AssignmentResult assign_teams(const std::vector<ChildNeed>& children, const std::vector<CarePerson>& persons,
                              const Coverage& coverage, const AssignmentRules& rules) {
    if (rules.max_children_per_person < 1)
        throw core::Error::validation("bad_policy", "每人包保儿童上限必须至少为 1", "max_children_per_person");
    if (rules.max_girls_per_person < 1)
        throw core::Error::validation("bad_policy", "每人包保女童上限必须至少为 1", "max_girls_per_person");
    return Engine(children, persons, coverage, rules).run();
}

std::vector<std::string> check_assignment(const std::vector<ChildNeed>& children,
                                          const std::vector<CarePerson>& persons, const Coverage& coverage,
                                          const AssignmentRules& rules, const AssignmentResult& result) {
    std::vector<std::string> v;
    std::unordered_map<std::int64_t, const CarePerson*> by_person;
    for (const auto& p : persons) by_person[p.id] = &p;
    std::unordered_map<std::int64_t, const ChildNeed*> by_child;
    for (const auto& c : children) by_child[c.id] = &c;
    std::unordered_map<std::int64_t, std::pair<int, int>> load;  // person → (children, girls)
    std::unordered_set<std::int64_t> complete;

    for (const auto& [child_id, team] : result.teams) {
        auto c = by_child.find(child_id);
        if (c == by_child.end()) {
            v.push_back("team for unknown child " + std::to_string(child_id));
            continue;
        }
        const ChildNeed& child = *c->second;
        bool woman = child.has_guardian && child.guardian_female;
        for (const auto& [seat, person_id] : team) {
            std::string where = "child " + std::to_string(child_id) + " seat " + seat_label(seat) + ": ";
            auto p = by_person.find(person_id);
            if (p == by_person.end()) {
                v.push_back(where + "unknown person " + std::to_string(person_id));
                continue;
            }
            const CarePerson& person = *p->second;
            if (person.seat != seat) v.push_back(where + "person " + std::to_string(person_id) + " has another seat");
            bool in_unit = false;
            if (seat == Seat::Village) in_unit = person.unit_id == child.village_id;
            if (seat == Seat::Teacher) in_unit = child.school_id && person.unit_id == *child.school_id;
            if (seat == Seat::Police) {
                auto cov = coverage.police_units_of_village.find(child.village_id);
                if (cov != coverage.police_units_of_village.end())
                    for (auto unit : cov->second) in_unit = in_unit || unit == person.unit_id;
            }
            if (!in_unit) v.push_back(where + "person " + std::to_string(person_id) + " serves outside his unit");
            auto& [n, g] = load[person_id];
            ++n;
            if (is_female(child.sex)) ++g;
            woman = woman || is_female(person.sex);
        }
        bool full = team.size() == 3 && child.has_guardian;
        if (full && rules.require_woman && !woman)
            v.push_back("child " + std::to_string(child_id) + ": full team without a woman");
        if (full && (woman || !rules.require_woman)) complete.insert(child_id);
    }
    for (const auto& [person_id, counts] : load) {
        if (counts.first > rules.max_children_per_person)
            v.push_back("person " + std::to_string(person_id) + " covers " + std::to_string(counts.first) +
                        " children");
        if (counts.second > rules.max_girls_per_person)
            v.push_back("person " + std::to_string(person_id) + " covers " + std::to_string(counts.second) +
                        " girls");
    }
    if (result.assigned != static_cast<std::int64_t>(complete.size()))
        v.push_back("assigned " + std::to_string(result.assigned) + " but " + std::to_string(complete.size()) +
                    " complete teams");
    std::unordered_set<std::int64_t> listed;
    for (const auto& inc : result.incomplete) {
        if (!listed.insert(inc.child_id).second) v.push_back("child listed twice as incomplete");
        if (complete.count(inc.child_id)) v.push_back("complete child " + std::to_string(inc.child_id) + " listed");
        if (inc.reason.empty()) v.push_back("child " + std::to_string(inc.child_id) + " incomplete without reason");
    }
    for (const auto& c : children)
        if (!complete.count(c.id) && !listed.count(c.id))
            v.push_back("child " + std::to_string(c.id) + " incomplete but not listed");
    return v;
}

}  // namespace hulei::children
