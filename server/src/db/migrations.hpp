#pragma once
// Migrations embedded in the binary: `NNNN_<module>_<what>.sql` for both dialects, or a fork as
// `NNNN_….sqlite.sql` / `NNNN_….pg.sql`. `{{id}}` stands for the auto-increment primary key type.
#include <string>
#include <vector>

namespace hulei::db {

struct Migration {
    std::string file;  ///< file name, e.g. 0001_core_org.sql
    std::string text;
};

/// Every migration file, sorted by name (generated at build time).
const std::vector<Migration>& embedded_migrations();

}  // namespace hulei::db
