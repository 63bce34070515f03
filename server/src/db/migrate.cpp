#include "core/error.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"
#include "core/clock.hpp"

namespace hulei::db {

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The version key of a migration file: its name without the dialect suffix.
std::string version_of(const std::string& file) {
    for (std::string_view suffix : {".sqlite.sql", ".pg.sql", ".sql"})
        if (ends_with(file, suffix)) return file.substr(0, file.size() - suffix.size());
    return file;
}

}  // namespace

int migrate(Database& db) {
    const Dialect d = db.dialect();
    return db.write([&](Tx& tx) {
        tx.exec_script(dialect_sql(d,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL);"));
        int applied = 0;
        for (const auto& m : embedded_migrations()) {
            if (d == Dialect::Sqlite && ends_with(m.file, ".pg.sql")) continue;
            if (d == Dialect::Postgres && ends_with(m.file, ".sqlite.sql")) continue;
            const std::string version = version_of(m.file);
            if (tx.scalar_i64("SELECT count(*) FROM schema_migrations WHERE version = :1", {version}) > 0) continue;
            tx.exec_script(dialect_sql(d, m.text));
            tx.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (:1, :2)",
                    {version, core::SystemClock().now_ms()});
            ++applied;
        }
        return applied;
    });
}

}  // namespace hulei::db
