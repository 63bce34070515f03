#pragma once
// The database: a pool of SOCI sessions on SQLite or PostgreSQL, one code path for both.
// Statements are prepared once per session and reused; values travel as db::Value.
// No SOCI or Boost type appears in this header, so modules include it cheaply.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hulei::db {

enum class Dialect { Sqlite, Postgres };

/// A bound parameter or a column value. Booleans are stored as integers 0/1, times as epoch milliseconds.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

/// One result row; columns by position or by name.
class Row {
public:
    Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
        : names_(std::move(names)), values_(std::move(values)) {}
    std::size_t size() const { return values_.size(); }
    const Value& at(std::size_t i) const { return values_.at(i); }
    const Value& at(std::string_view name) const;
    bool is_null(std::string_view name) const { return std::holds_alternative<std::nullptr_t>(at(name)); }
    std::int64_t i64(std::string_view name) const;            ///< integer column (0 when NULL)
    std::optional<std::int64_t> opt_i64(std::string_view name) const;
    double f64(std::string_view name) const;
    std::string str(std::string_view name) const;             ///< text column ("" when NULL)
    std::optional<std::string> opt_str(std::string_view name) const;
    bool boolean(std::string_view name) const { return i64(name) != 0; }
    const std::vector<std::string>& names() const { return *names_; }

private:
    std::shared_ptr<const std::vector<std::string>> names_;
    std::vector<Value> values_;
};

using Params = std::vector<Value>;

/// A transaction on one pooled session. Placeholders are positional `:1, :2 …` in both dialects.
class Tx {
public:
    virtual ~Tx() = default;
    /// Runs a statement, returns all rows.
    virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
    /// Runs a statement, returns the number of affected rows.
    virtual std::int64_t exec(std::string_view sql, const Params& params = {}) = 0;
    /// The first row, if any.
    std::optional<Row> query_one(std::string_view sql, const Params& params = {});
    /// The single integer the statement returns (e.g. `SELECT count(*)` or `INSERT … RETURNING id`).
    std::int64_t scalar_i64(std::string_view sql, const Params& params = {});
    virtual Dialect dialect() const = 0;
    /// Runs several `;`-separated statements (migrations); not prepared, not cached.
    virtual void exec_script(std::string_view script) = 0;
};

/// A pool of sessions to one database; thread-safe. Each call borrows a session for one transaction.
class Database {
public:
    virtual ~Database() = default;
    /// Opens `sqlite:PATH` or `postgresql://…` with `pool_size` sessions. Throws core::Error on failure.
    static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);

    virtual Dialect dialect() const = 0;
    const std::string& url() const { return url_; }

    /// Runs `fn` in a read transaction (one consistent snapshot for several reads).
    template <typename F>
    auto read(F&& fn) {
        using R = decltype(fn(std::declval<Tx&>()));
        if constexpr (std::is_void_v<R>) {
            run(false, [&](Tx& tx) { fn(tx); });
        } else {
            std::optional<R> out;
            run(false, [&](Tx& tx) { out.emplace(fn(tx)); });
            return std::move(*out);
        }
    }
    /// Runs `fn` in a write transaction; commits when it returns, rolls back when it throws.
    template <typename F>
    auto write(F&& fn) {
        using R = decltype(fn(std::declval<Tx&>()));
        if constexpr (std::is_void_v<R>) {
            run(true, [&](Tx& tx) { fn(tx); });
        } else {
            std::optional<R> out;
            run(true, [&](Tx& tx) { out.emplace(fn(tx)); });
            return std::move(*out);
        }
    }

protected:
    virtual void run(bool write, const std::function<void(Tx&)>& fn) = 0;
    std::string url_;
};

/// Applies every migration not yet recorded in `schema_migrations`; returns how many were applied.
int migrate(Database& db);

/// The dialect-specific text of `sql`: `{{id}}` is the auto-increment primary key type.
std::string dialect_sql(Dialect d, std::string_view sql);

}  // namespace hulei::db
