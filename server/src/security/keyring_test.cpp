#include "security/keyring.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "core/error.hpp"

namespace hulei::security {
namespace {

namespace fs = std::filesystem;

const std::string kKeyA(32, 'a');
const std::string kKeyB(32, 'b');
// base64 of the 32 bytes 0x00..0x1f (sequential_key()).
constexpr const char* kKeyBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

std::string sequential_key() {
    std::string key;
    for (int i = 0; i < 32; ++i) key += static_cast<char>(i);
    return key;
}

/// A fresh temporary folder, removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "hulei-keyring-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// Sets or unsets an environment variable and restores its previous value at scope exit.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) previous_ = old;
        if (value != nullptr) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (previous_) ::setenv(name_, previous_->c_str(), 1);
        else ::unsetenv(name_);
    }

private:
    const char* name_;
    std::optional<std::string> previous_;
};

mode_t permissions_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 07777;
}

TEST(Keyring, EncryptDecryptRoundTrip) {
    const Keyring keyring(kKeyA);
    for (const std::string& plain : {std::string(), std::string("13800138000"), std::string("张三 身份证 110101"),
                                    std::string(5000, 'z')}) {
        const std::string sealed = keyring.encrypt(plain, "users.phone");
        EXPECT_TRUE(sealed.starts_with("v1:")) << sealed;
        if (!plain.empty()) {
            EXPECT_EQ(sealed.find(plain), std::string::npos);
        }
        EXPECT_EQ(keyring.decrypt(sealed, "users.phone"), plain);
    }
}

TEST(Keyring, EncryptionUsesAFreshNonceEachTime) {
    const Keyring keyring(kKeyA);
    const std::string a = keyring.encrypt("13800138000", "users.phone");
    const std::string b = keyring.encrypt("13800138000", "users.phone");
    EXPECT_NE(a, b);
    EXPECT_EQ(keyring.decrypt(a, "users.phone"), keyring.decrypt(b, "users.phone"));
}

TEST(Keyring, TamperedCiphertextThrowsInternal) {
    const Keyring keyring(kKeyA);
    std::string sealed = keyring.encrypt("13800138000", "users.phone");
    const std::size_t middle = 3 + (sealed.size() - 3) / 2;
    sealed[middle] = sealed[middle] == 'A' ? 'B' : 'A';
    try {
        keyring.decrypt(sealed, "users.phone");
        FAIL() << "tampered ciphertext decrypted";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::Internal);
    }
}

TEST(Keyring, MalformedCiphertextThrows) {
    const Keyring keyring(kKeyA);
    const std::string sealed = keyring.encrypt("13800138000", "users.phone");
    EXPECT_THROW(keyring.decrypt("v2:" + sealed.substr(3), "users.phone"), core::Error);
    EXPECT_THROW(keyring.decrypt(sealed.substr(3), "users.phone"), core::Error);
    EXPECT_THROW(keyring.decrypt("v1:", "users.phone"), core::Error);
    EXPECT_THROW(keyring.decrypt("v1:!!!!", "users.phone"), core::Error);
    EXPECT_THROW(keyring.decrypt(sealed.substr(0, sealed.size() - 8), "users.phone"), core::Error);
}

TEST(Keyring, WrongContextOrKeyThrows) {
    const Keyring keyring(kKeyA);
    const std::string sealed = keyring.encrypt("13800138000", "users.phone");
    EXPECT_THROW(keyring.decrypt(sealed, "children.phone"), core::Error);
    EXPECT_THROW(Keyring(kKeyB).decrypt(sealed, "users.phone"), core::Error);
    EXPECT_EQ(Keyring(kKeyA).decrypt(sealed, "users.phone"), "13800138000");
}

TEST(Keyring, MasterKeyMustBe32Bytes) {
    EXPECT_THROW(Keyring(std::string(31, 'a')), core::Error);
    EXPECT_THROW(Keyring(std::string(33, 'a')), core::Error);
}

TEST(Keyring, BlindIndexIsDeterministicKeyedAndContextSeparated) {
    const Keyring keyring(kKeyA);
    const std::string index = keyring.blind_index("110101201003071233", "children.id_number");
    EXPECT_EQ(index.size(), 64u);
    EXPECT_EQ(index.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(index, Keyring(kKeyA).blind_index("110101201003071233", "children.id_number"));
    EXPECT_NE(index, keyring.blind_index("110101201003071241", "children.id_number"));
    EXPECT_NE(index, keyring.blind_index("110101201003071233", "users.id_number"));
    EXPECT_NE(index, Keyring(kKeyB).blind_index("110101201003071233", "children.id_number"));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    EXPECT_NE(keyring.blind_index("c", "ab"), keyring.blind_index("bc", "a"));
}

TEST(Keyring, KeyFileIsCreated0600AndReloadsTheSameKey) {
    const ScopedEnv no_env("HULEI_MASTER_KEY", nullptr);
    const TempDir dir;
    const fs::path file = dir.path() / "nested" / "folder" / "master.key";
    const Keyring first = Keyring::load_or_create(file.string());
    ASSERT_TRUE(fs::exists(file));
    EXPECT_EQ(permissions_of(file), 0600);
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line.size(), 44u);  // base64 of 32 bytes

    const Keyring second = Keyring::load_or_create(file.string());
    EXPECT_EQ(second.decrypt(first.encrypt("13800138000", "users.phone"), "users.phone"), "13800138000");
    EXPECT_EQ(first.blind_index("x", "c"), second.blind_index("x", "c"));
}

TEST(Keyring, KeyFilesInDifferentFoldersHoldDifferentKeys) {
    const ScopedEnv no_env("HULEI_MASTER_KEY", nullptr);
    const TempDir dir;
    const Keyring a = Keyring::load_or_create((dir.path() / "a.key").string());
    const Keyring b = Keyring::load_or_create((dir.path() / "b.key").string());
    EXPECT_NE(a.blind_index("x", "c"), b.blind_index("x", "c"));
}

TEST(Keyring, KeyFileReadableByOthersIsRefused) {
    const ScopedEnv no_env("HULEI_MASTER_KEY", nullptr);
    const TempDir dir;
    const fs::path file = dir.path() / "master.key";
    { std::ofstream(file) << kKeyBase64 << "\n"; }
    ASSERT_EQ(::chmod(file.c_str(), 0644), 0);
    try {
        Keyring::load_or_create(file.string());
        FAIL() << "a 0644 key file was accepted";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::Validation);
        EXPECT_EQ(e.code(), "key_file_permissions");
    }
    ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
    EXPECT_EQ(Keyring::load_or_create(file.string()).blind_index("x", "c"),
              Keyring(sequential_key()).blind_index("x", "c"));
}

TEST(Keyring, MalformedKeyFileIsRefused) {
    const ScopedEnv no_env("HULEI_MASTER_KEY", nullptr);
    const TempDir dir;
    const fs::path file = dir.path() / "master.key";
    { std::ofstream(file) << "c2hvcnQ=\n"; }  // "short"
    ASSERT_EQ(::chmod(file.c_str(), 0600), 0);
    EXPECT_THROW(Keyring::load_or_create(file.string()), core::Error);
}

TEST(Keyring, EnvironmentKeyWinsOverTheKeyFile) {
    const TempDir dir;
    const fs::path file = dir.path() / "master.key";
    std::string from_env;
    {
        const ScopedEnv env("HULEI_MASTER_KEY", kKeyBase64);
        const Keyring keyring = Keyring::load_or_create(file.string());
        EXPECT_FALSE(fs::exists(file));
        from_env = keyring.encrypt("13800138000", "users.phone");
    }
    EXPECT_EQ(Keyring(sequential_key()).decrypt(from_env, "users.phone"), "13800138000");
}

TEST(Keyring, MalformedEnvironmentKeyThrows) {
    const TempDir dir;
    const ScopedEnv env("HULEI_MASTER_KEY", "not base64 at all");
    EXPECT_THROW(Keyring::load_or_create((dir.path() / "master.key").string()), core::Error);
    const ScopedEnv short_key("HULEI_MASTER_KEY", "c2hvcnQ=");
    EXPECT_THROW(Keyring::load_or_create((dir.path() / "master.key").string()), core::Error);
}

TEST(RandomToken, IsUrlSafeUnpaddedAndUnique) {
    const std::string a = random_token(32);
    EXPECT_EQ(a.size(), 43u);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    EXPECT_NE(a, random_token(32));
    EXPECT_EQ(random_token(16).size(), 22u);
}

TEST(Sha256Hex, MatchesFips180Vectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(EqualConstantTime, ComparesContentAndLength) {
    EXPECT_TRUE(equal_constant_time("token-123", "token-123"));
    EXPECT_FALSE(equal_constant_time("token-123", "token-124"));
    EXPECT_FALSE(equal_constant_time("token-123", "token-12"));
    EXPECT_TRUE(equal_constant_time("", ""));
    EXPECT_FALSE(equal_constant_time("", "x"));
}

}  // namespace
}  // namespace hulei::security
