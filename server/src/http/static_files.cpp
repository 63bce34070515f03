#include "http/static_files.hpp"

#include <zlib.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>

#include "http/router.hpp"

namespace hulei::http {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kGzipMinBytes = 1024;
constexpr std::size_t kGzipCacheMaxBytes = 64u << 20;

struct FileType {
    std::string_view content_type;
    bool compressible;
};

FileType file_type(std::string_view extension) {
    static const std::map<std::string_view, FileType> types = {
        {"html", {"text/html; charset=utf-8", true}},
        {"js", {"text/javascript; charset=utf-8", true}},
        {"mjs", {"text/javascript; charset=utf-8", true}},
        {"css", {"text/css; charset=utf-8", true}},
        {"json", {"application/json; charset=utf-8", true}},
        {"map", {"application/json; charset=utf-8", true}},
        {"webmanifest", {"application/manifest+json", true}},
        {"svg", {"image/svg+xml", true}},
        {"txt", {"text/plain; charset=utf-8", true}},
        {"png", {"image/png", false}},
        {"jpg", {"image/jpeg", false}},
        {"jpeg", {"image/jpeg", false}},
        {"ico", {"image/x-icon", false}},
        {"woff", {"font/woff", false}},
        {"woff2", {"font/woff2", false}},
        {"ttf", {"font/ttf", false}},
    };
    std::string lower(extension);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = types.find(lower);
    return it == types.end() ? FileType{"application/octet-stream", false} : it->second;
}

/// The extension of the last path segment without the dot ("" when it has none).
std::string_view extension_of(std::string_view path) {
    const auto slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const auto dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot + 1);
}

/// Rejects NUL, `..` segments and hidden files (`.env`, `.git/…`): the URL never names them.
bool safe_url_path(std::string_view path) {
    if (path.empty() || path.front() != '/' || path.find('\0') != std::string_view::npos) return false;
    std::size_t pos = 1;
    while (pos <= path.size()) {
        auto end = path.find('/', pos);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view segment = path.substr(pos, end - pos);
        if (!segment.empty() && segment.front() == '.') return false;
        pos = end + 1;
    }
    return true;
}

bool inside(const std::string& root, const std::string& path) {
    if (root == "/") return !path.empty() && path.front() == '/';
    return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                            path[root.size()] == '/');
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) return std::nullopt;
    in.seekg(0, std::ios::beg);
    std::string data(static_cast<std::size_t>(size), '\0');
    if (!in.read(data.data(), size)) return std::nullopt;
    return data;
}

std::optional<std::string> gzip(const std::string& data) {
    z_stream zs{};
    // windowBits 15 + 16: a gzip wrapper rather than a raw zlib stream.
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(written);
    return out;
}

bool accepts_gzip(const Request& req) { return req.header("accept-encoding").find("gzip") != std::string::npos; }

std::string canonical_root(const std::string& root) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (ec) p = fs::absolute(root).lexically_normal();
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

constexpr std::string_view kNotBuiltPage = R"(<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>护蕾 · 控制台尚未构建</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; max-width: 40rem;
       margin: 4rem auto; padding: 0 1rem; color: #303133; line-height: 1.7; }
code { background: #f4f4f5; padding: 0.1rem 0.3rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>网页控制台尚未构建</h1>
<p>服务器已正常运行，但没有找到网页控制台的文件（<code>web/dist/index.html</code>）。</p>
<p>请在项目目录运行 <code>make run</code>，它会构建控制台并启动服务器；也可以只运行
<code>scripts/build-web</code> 构建控制台，然后刷新本页。</p>
<p>接口仍可通过 <code>/api/v1/</code> 访问。</p>
</body>
</html>
)";

}  // namespace

struct StaticFiles::GzipCache {
    struct Entry {
        fs::file_time_type mtime;
        std::uintmax_t size = 0;
        std::shared_ptr<const std::string> compressed;
    };
    std::mutex mutex;
    std::map<std::string, Entry> entries;
    std::size_t bytes = 0;

    std::shared_ptr<const std::string> find(const std::string& path, fs::file_time_type mtime, std::uintmax_t size) {
        std::lock_guard lock(mutex);
        auto it = entries.find(path);
        if (it == entries.end() || it->second.mtime != mtime || it->second.size != size) return nullptr;
        return it->second.compressed;
    }

    void store(const std::string& path, fs::file_time_type mtime, std::uintmax_t size,
               std::shared_ptr<const std::string> compressed) {
        std::lock_guard lock(mutex);
        auto it = entries.find(path);
        if (it != entries.end()) {
            bytes -= it->second.compressed->size();
            entries.erase(it);
        }
        // The built console is a few MB; the cap only guards against a root full of large text files.
        if (bytes + compressed->size() > kGzipCacheMaxBytes) return;
        bytes += compressed->size();
        entries.emplace(path, Entry{mtime, size, std::move(compressed)});
    }
};

StaticFiles::StaticFiles(std::string root)
    : root_(canonical_root(root)), gzip_cache_(std::make_shared<GzipCache>()) {}

Response StaticFiles::serve(const Request& req) const {
    if (req.method != "GET" && req.method != "HEAD") return error_response(405, "method_not_allowed", "不支持该请求方法");
    const Response not_found = error_response(404, "not_found", "文件不存在");
    if (!safe_url_path(req.path)) return not_found;

    std::error_code ec;
    const fs::path index = fs::path(root_) / "index.html";
    const auto first = req.path.find_first_not_of('/');
    const std::string relative = first == std::string::npos ? std::string() : req.path.substr(first);
    fs::path file = fs::weakly_canonical(fs::path(root_) / relative, ec);
    if (ec || !inside(root_, file.string())) return not_found;

    bool spa = false;
    auto status = fs::status(file, ec);
    if (!ec && fs::is_directory(status)) {
        file /= "index.html";
        status = fs::status(file, ec);
        if (ec || !fs::is_regular_file(status)) spa = true;
    } else if (ec || !fs::is_regular_file(status)) {
        if (!extension_of(req.path).empty()) return not_found;
        spa = true;
    }
    if (spa) {
        file = index;
        status = fs::status(file, ec);
        if (ec || !fs::is_regular_file(status)) {
            Response r;
            r.content_type = "text/html; charset=utf-8";
            r.body = std::string(kNotBuiltPage);
            r.set_header("Cache-Control", "no-store");
            return r;
        }
    }
    // A symlink inside the root may still point out of it.
    const fs::path resolved = fs::canonical(file, ec);
    if (ec || !inside(root_, resolved.string())) return not_found;

    const auto mtime = fs::last_write_time(resolved, ec);
    if (ec) return not_found;
    const auto size = fs::file_size(resolved, ec);
    if (ec) return not_found;

    const FileType type = file_type(extension_of(resolved.string()));
    Response r;
    r.content_type = std::string(type.content_type);
    if (spa) {
        r.set_header("Cache-Control", "no-cache");
    } else if (req.path.rfind("/assets/", 0) == 0) {
        r.set_header("Cache-Control", "public, max-age=31536000, immutable");
    } else {
        r.set_header("Cache-Control", "no-cache");
    }

    const bool compressible = type.compressible && size > kGzipMinBytes;
    if (compressible) r.set_header("Vary", "Accept-Encoding");
    if (compressible && accepts_gzip(req)) {
        std::shared_ptr<const std::string> compressed = gzip_cache_->find(resolved.string(), mtime, size);
        if (!compressed) {
            auto data = read_file(resolved);
            if (!data) return not_found;
            auto gz = gzip(*data);
            if (!gz) {
                r.body = std::move(*data);
                return r;
            }
            compressed = std::make_shared<const std::string>(std::move(*gz));
            gzip_cache_->store(resolved.string(), mtime, data->size(), compressed);
        }
        r.set_header("Content-Encoding", "gzip");
        r.body = *compressed;
        return r;
    }
    auto data = read_file(resolved);
    if (!data) return not_found;
    r.body = std::move(*data);
    return r;
}

}  // namespace hulei::http
