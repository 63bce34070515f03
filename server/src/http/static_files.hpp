#pragma once
// The built console (web/dist) as static files: content types, cache headers, gzip when the client
// accepts it, and the SPA fallback to index.html for unknown non-API paths.
#include <memory>
#include <string>

#include "http/request.hpp"

namespace hulei::http {

/// Serves files under `root`; never outside it (no `..`, no symlinks out).
class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    /// GET/HEAD of a file under the root; unknown paths without an extension get index.html (SPA).
    Response serve(const Request& req) const;

private:
    struct GzipCache;
    std::string root_;                   ///< weakly canonical, absolute
    std::shared_ptr<GzipCache> gzip_cache_;
};

}  // namespace hulei::http
