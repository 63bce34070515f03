#include "security/keyring.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include "core/error.hpp"

namespace hulei::security {
namespace {

constexpr std::size_t kMasterKeyBytes = crypto_kdf_KEYBYTES;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "hulei___";
constexpr std::uint64_t kEncryptionSubkeyId = 1;
constexpr std::uint64_t kIndexSubkeyId = 2;
constexpr std::size_t kSubkeyBytes = 32;
constexpr std::string_view kCiphertextPrefix = "v1:";
constexpr const char* kMasterKeyEnv = "HULEI_MASTER_KEY";
constexpr std::size_t kMaxKeyFileBytes = 4096;

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kSubkeyBytes);
static_assert(crypto_generichash_KEYBYTES_MAX >= kSubkeyBytes);

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw core::Error::internal("密码库初始化失败");
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string to_base64(std::string_view bytes, int variant) {
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
    out.resize(std::strlen(out.c_str()));
    return out;
}

/// Strict standard base64; surrounding whitespace (a trailing newline) is ignored.
std::optional<std::string> from_base64(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          " \t\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(length);
    return out;
}

std::string decode_master_key(std::string_view text, std::string_view source) {
    std::optional<std::string> key = from_base64(text);
    if (!key || key->size() != kMasterKeyBytes) {
        if (key) sodium_memzero(key->data(), key->size());
        throw core::Error::validation("master_key_malformed",
                                      "主密钥格式错误（" + std::string(source) + "）：应为 32 字节的 base64");
    }
    return std::move(*key);
}

/// Closes a file descriptor on scope exit.
struct FdGuard {
    int fd;
    ~FdGuard() {
        if (fd >= 0) ::close(fd);
    }
};

std::string create_key_file(const std::string& key_file, int fd) {
    FdGuard guard{fd};
    std::string key(kMasterKeyBytes, '\0');
    crypto_kdf_keygen(reinterpret_cast<unsigned char*>(key.data()));
    std::string line = to_base64(key, sodium_base64_VARIANT_ORIGINAL) + "\n";
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int saved = errno;
            sodium_memzero(line.data(), line.size());
            sodium_memzero(key.data(), key.size());
            ::unlink(key_file.c_str());  // a half-written key would fail every later start
            errno = saved;
            throw core::Error::internal("无法写入主密钥文件 " + key_file + "：" + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    sodium_memzero(line.data(), line.size());
    if (::fsync(fd) != 0) {
        const int saved = errno;
        sodium_memzero(key.data(), key.size());
        ::unlink(key_file.c_str());
        errno = saved;
        throw core::Error::internal("无法写入主密钥文件 " + key_file + "：" + std::strerror(errno));
    }
    return key;
}

std::string read_key_file(const std::string& key_file, int fd) {
    FdGuard guard{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw core::Error::internal("无法读取主密钥文件 " + key_file);
    if (!S_ISREG(st.st_mode)) throw core::Error::internal("主密钥文件不是普通文件：" + key_file);
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        throw core::Error::validation("key_file_permissions",
                                      "主密钥文件 " + key_file + " 的权限过宽，请执行 chmod 600");
    std::string text(kMaxKeyFileBytes, '\0');
    std::size_t used = 0;
    while (used < text.size()) {
        const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw core::Error::internal("无法读取主密钥文件 " + key_file + "：" + std::strerror(errno));
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    text.resize(used);
    std::string key = decode_master_key(text, key_file);
    sodium_memzero(text.data(), text.size());
    return key;
}

std::string load_master_key(const std::string& key_file) {
    if (const char* env = std::getenv(kMasterKeyEnv); env != nullptr && *env != '\0')
        return decode_master_key(env, kMasterKeyEnv);

    const std::filesystem::path path(key_file);
    if (path.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        if (ec) throw core::Error::internal("无法创建主密钥目录 " + path.parent_path().string() + "：" + ec.message());
    }
    const int created = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (created >= 0) return create_key_file(key_file, created);
    if (errno != EEXIST)
        throw core::Error::internal("无法创建主密钥文件 " + key_file + "：" + std::strerror(errno));
    const int existing = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
    if (existing < 0) throw core::Error::internal("无法读取主密钥文件 " + key_file + "：" + std::strerror(errno));
    return read_key_file(key_file, existing);
}

std::string derive_subkey(std::string_view master_key, std::uint64_t id) {
    std::string subkey(kSubkeyBytes, '\0');
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(subkey.data()), subkey.size(), id, kKdfContext,
                               bytes_of(master_key));
    return subkey;
}

}  // namespace

Keyring Keyring::load_or_create(const std::string& key_file) {
    ensure_sodium();
    return Keyring(load_master_key(key_file));
}

Keyring::Keyring(std::string master_key) {
    ensure_sodium();
    if (master_key.size() != kMasterKeyBytes) {
        sodium_memzero(master_key.data(), master_key.size());
        throw core::Error::internal("主密钥长度必须为 32 字节");
    }
    enc_key_ = derive_subkey(master_key, kEncryptionSubkeyId);
    index_key_ = derive_subkey(master_key, kIndexSubkeyId);
    sodium_memzero(master_key.data(), master_key.size());
}

std::string Keyring::encrypt(std::string_view plaintext, std::string_view context) const {
    constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    std::string sealed(kNonceBytes + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(nonce, kNonceBytes);
    unsigned long long ciphertext_length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &ciphertext_length, bytes_of(plaintext),
                                               plaintext.size(), bytes_of(context), context.size(), nullptr, nonce,
                                               bytes_of(enc_key_));
    sealed.resize(kNonceBytes + ciphertext_length);
    return std::string(kCiphertextPrefix) + to_base64(sealed, sodium_base64_VARIANT_ORIGINAL);
}

std::string Keyring::decrypt(std::string_view ciphertext, std::string_view context) const {
    constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (!ciphertext.starts_with(kCiphertextPrefix)) throw core::Error::internal("加密数据格式无法识别");
    const std::optional<std::string> sealed = from_base64(ciphertext.substr(kCiphertextPrefix.size()));
    if (!sealed || sealed->size() < kNonceBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        throw core::Error::internal("加密数据已损坏");
    const auto* nonce = bytes_of(*sealed);
    const std::size_t body_length = sealed->size() - kNonceBytes;
    std::string plaintext(body_length - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long plaintext_length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()),
                                                   &plaintext_length, nullptr, nonce + kNonceBytes, body_length,
                                                   bytes_of(context), context.size(), nonce,
                                                   bytes_of(enc_key_)) != 0)
        throw core::Error::internal("加密数据校验失败，可能已被篡改");
    plaintext.resize(plaintext_length);
    return plaintext;
}

std::string Keyring::blind_index(std::string_view value, std::string_view context) const {
    crypto_generichash_state state;
    unsigned char digest[32];
    crypto_generichash_init(&state, bytes_of(index_key_), index_key_.size(), sizeof digest);
    crypto_generichash_update(&state, bytes_of(context), context.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, bytes_of(value), value.size());
    crypto_generichash_final(&state, digest, sizeof digest);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

std::string random_token(std::size_t bytes) {
    ensure_sodium();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return to_base64(raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string sha256_hex(std::string_view data) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, bytes_of(data), data.size());
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace hulei::security
