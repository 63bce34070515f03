#include "security/password.hpp"

#include <gtest/gtest.h>

namespace hulei::security {
namespace {

constexpr int kMinLength = 10;

TEST(Password, MinimalHashIsArgon2idAndVerifies) {
    const std::string hash = hash_password("Correct-Horse-7", HashCost::Minimal);
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$")) << hash;
    EXPECT_TRUE(verify_password(hash, "Correct-Horse-7"));
    EXPECT_FALSE(verify_password(hash, "Correct-Horse-8"));
    EXPECT_FALSE(verify_password(hash, ""));
}

TEST(Password, InteractiveHashUsesInteractiveLimits) {
    const std::string hash = hash_password("Correct-Horse-7", HashCost::Interactive);
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
    EXPECT_TRUE(verify_password(hash, "Correct-Horse-7"));
    EXPECT_FALSE(verify_password(hash, "correct-horse-7"));
}

TEST(Password, SamePasswordGetsDifferentSalts) {
    const std::string a = hash_password("Correct-Horse-7", HashCost::Minimal);
    const std::string b = hash_password("Correct-Horse-7", HashCost::Minimal);
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password(a, "Correct-Horse-7"));
    EXPECT_TRUE(verify_password(b, "Correct-Horse-7"));
}

TEST(Password, MalformedHashDoesNotVerify) {
    EXPECT_FALSE(verify_password("", "anything"));
    EXPECT_FALSE(verify_password("not a hash", "not a hash"));
    EXPECT_FALSE(verify_password(std::string(300, '$'), "x"));
}

TEST(Password, NonAsciiPasswordsHashAndVerify) {
    const std::string hash = hash_password("护蕾-Secure-2024", HashCost::Minimal);
    EXPECT_TRUE(verify_password(hash, "护蕾-Secure-2024"));
    EXPECT_FALSE(verify_password(hash, "护蕾-Secure-2025"));
}

TEST(PasswordPolicy, AcceptsAStrongPassword) {
    EXPECT_EQ(password_policy_violation("Tide-Lantern-42", "zhangsan", kMinLength), std::nullopt);
}

TEST(PasswordPolicy, RejectsShortPasswordsWithTheLimitInTheMessage) {
    EXPECT_EQ(password_policy_violation("Ab1!xyz", "zhangsan", kMinLength), "密码至少需要 10 个字符");
    EXPECT_EQ(password_policy_violation("Ab1!xyzUV", "zhangsan", 12), "密码至少需要 12 个字符");
}

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
    // 9 code points but 21 bytes: too short.
    EXPECT_EQ(password_policy_violation("护蕾护蕾护蕾Ab1", "zhangsan", kMinLength), "密码至少需要 10 个字符");
    // 10 code points: upper, lower, digit and symbols (the Chinese characters).
    EXPECT_EQ(password_policy_violation("护蕾护蕾护蕾Ab12", "zhangsan", kMinLength), std::nullopt);
}

TEST(PasswordPolicy, RequiresThreeCharacterClasses) {
    const std::string message = "密码需包含大写字母、小写字母、数字、符号中的至少三类";
    EXPECT_EQ(password_policy_violation("abcdefghijkl", "zhangsan", kMinLength), message);
    EXPECT_EQ(password_policy_violation("abcdefgh1234", "zhangsan", kMinLength), message);
    EXPECT_EQ(password_policy_violation("abcdefgh1234X", "zhangsan", kMinLength), std::nullopt);
    EXPECT_EQ(password_policy_violation("abcdefgh1234!", "zhangsan", kMinLength), std::nullopt);
    EXPECT_EQ(password_policy_violation("ABCDEFGH!!!!", "zhangsan", kMinLength), message);
}

TEST(PasswordPolicy, RejectsPasswordsContainingTheUsernameCaseInsensitively) {
    EXPECT_EQ(password_policy_violation("Zhangsan-2024", "zhangsan", kMinLength), "密码不能包含用户名");
    EXPECT_EQ(password_policy_violation("my-ZHANGSAN-9", "ZhangSan", kMinLength), "密码不能包含用户名");
    EXPECT_EQ(password_policy_violation("Tide-Lantern-42", "", kMinLength), std::nullopt);
}

TEST(PasswordPolicy, RejectsWellKnownWeakPasswordsCaseInsensitively) {
    for (const char* weak : {"Password123!", "pASSWORD123!", "Qwerty123!", "12345678Aa!", "Abc@123456"})
        EXPECT_EQ(password_policy_violation(weak, "zhangsan", kMinLength), "密码过于常见") << weak;
    for (const char* weak : {"Admin@123", "P@ssw0rd"})
        EXPECT_EQ(password_policy_violation(weak, "zhangsan", 8), "密码过于常见") << weak;
}

}  // namespace
}  // namespace hulei::security
