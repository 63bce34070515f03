#include "audit/audit.hpp"

#include <gtest/gtest.h>

namespace hulei::audit {
namespace {

std::vector<Entry> chain(int n) {
    std::vector<Entry> out;
    std::string prev = kGenesisHash;
    for (int i = 1; i <= n; ++i) {
        Entry e;
        e.id = i;
        e.at = 1'700'000'000'000 + i;
        e.actor_user_id = i % 2 ? std::optional<std::int64_t>(7) : std::nullopt;
        e.actor_username = "sysadmin";
        e.action = "org.unit.create";
        e.object_type = "unit";
        e.object_id = std::to_string(i);
        e.detail = R"({"name":"青石村"})";
        e.ip = "127.0.0.1";
        e.request_id = "r" + std::to_string(i);
        e.prev_hash = prev;
        e.hash = entry_hash(e);
        prev = e.hash;
        out.push_back(e);
    }
    return out;
}

TEST(AuditChain, IntactChainVerifies) {
    auto c = chain(5);
    auto r = verify_entries(c, 5, c.back().hash);
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.entries, 5);
    EXPECT_FALSE(r.first_bad_id.has_value());
}

TEST(AuditChain, EmptyLogWithoutHeadVerifies) {
    EXPECT_TRUE(verify_entries({}, std::nullopt, "").ok);
}

TEST(AuditChain, EditedFieldIsNamed) {
    auto c = chain(5);
    c[2].detail = R"({"name":"白沙社区"})";
    auto r = verify_entries(c, 5, c.back().hash);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 3);
}

TEST(AuditChain, EditedActorOrTimeIsDetected) {
    auto c = chain(4);
    c[1].at += 1;
    EXPECT_EQ(verify_entries(c, 4, c.back().hash).first_bad_id, 2);
    c = chain(4);
    c[3].actor_user_id = 99;
    EXPECT_EQ(verify_entries(c, 4, c.back().hash).first_bad_id, 4);
}

TEST(AuditChain, RehashedEntryBreaksTheNextLink) {
    auto c = chain(5);
    c[1].object_id = "999";
    c[1].hash = entry_hash(c[1]);  // a forger recomputes this entry's hash…
    auto r = verify_entries(c, 5, c.back().hash);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 3);  // …but the next entry still points at the old one
}

TEST(AuditChain, DeletedMiddleEntryIsNamed) {
    auto c = chain(5);
    c.erase(c.begin() + 2);
    auto r = verify_entries(c, 5, c.back().hash);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 3);
}

TEST(AuditChain, SwappedEntriesAreDetected) {
    auto c = chain(5);
    std::swap(c[1], c[2]);
    auto r = verify_entries(c, 5, c.back().hash);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 2);
}

TEST(AuditChain, TruncatedTailIsDetectedThroughTheHead) {
    auto c = chain(5);
    const auto head_hash = c.back().hash;
    c.pop_back();
    auto r = verify_entries(c, 5, head_hash);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.first_bad_id, 5);
}

TEST(AuditChain, HashDependsOnPreviousHash) {
    auto c = chain(2);
    Entry e = c[1];
    e.prev_hash = kGenesisHash;
    EXPECT_NE(entry_hash(e), c[1].hash);
}

}  // namespace
}  // namespace hulei::audit
