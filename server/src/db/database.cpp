#include "db/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <condition_variable>
#include <unordered_map>
#include <map>
#include <mutex>

#include "core/error.hpp"

namespace hulei::db {

const Value& Row::at(std::string_view name) const {
    for (std::size_t i = 0; i < names_->size(); ++i)
        if ((*names_)[i] == name) return values_[i];
    throw core::Error::internal("unknown column " + std::string(name));
}

std::int64_t Row::i64(std::string_view name) const { return opt_i64(name).value_or(0); }

std::optional<std::int64_t> Row::opt_i64(std::string_view name) const {
    const Value& v = at(name);
    if (auto p = std::get_if<std::int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
    return std::nullopt;
}

double Row::f64(std::string_view name) const {
    const Value& v = at(name);
    if (auto p = std::get_if<double>(&v)) return *p;
    if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
    return 0;
}

std::string Row::str(std::string_view name) const { return opt_str(name).value_or(std::string()); }

std::optional<std::string> Row::opt_str(std::string_view name) const {
    const Value& v = at(name);
    if (auto p = std::get_if<std::string>(&v)) return *p;
    if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
    return std::nullopt;
}

std::optional<Row> Tx::query_one(std::string_view sql, const Params& params) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::int64_t Tx::scalar_i64(std::string_view sql, const Params& params) {
    auto rows = query(sql, params);
    if (rows.empty() || rows.front().size() == 0) throw core::Error::internal("scalar query returned no row");
    const Value& v = rows.front().at(0);
    if (auto p = std::get_if<std::int64_t>(&v)) return *p;
    if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
    if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
    return 0;
}

std::string dialect_sql(Dialect d, std::string_view sql) {
    std::string out(sql);
    const std::string key = "{{id}}";
    const std::string rep = d == Dialect::Sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
    for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + rep.size()))
        out.replace(pos, key.size(), rep);
    return out;
}

namespace {

/// Translates a driver error into the taxonomy: constraint violations become conflicts.
[[noreturn]] void rethrow_db_error(const std::exception& e) {
    const std::string what = e.what();
    if (what.find("UNIQUE constraint failed") != std::string::npos ||
        what.find("duplicate key value") != std::string::npos)
        throw core::Error::conflict("duplicate", "记录已存在（唯一性冲突）");
    if (what.find("FOREIGN KEY constraint failed") != std::string::npos ||
        what.find("violates foreign key constraint") != std::string::npos)
        throw core::Error::conflict("referenced", "记录被引用或引用的记录不存在");
    throw core::Error(core::ErrorKind::Internal, "database", "数据库错误：" + what);
}

/// A prepared statement with the holders its parameters and result row are bound to.
struct Prepared {
    explicit Prepared(soci::session& s) : st(s) {}
    soci::statement st;
    soci::row row;
    std::vector<long long> ints;
    std::vector<double> doubles;
    std::vector<std::string> strings;
    std::vector<soci::indicator> inds;
    std::vector<char> kinds;  // per parameter: 'i', 'd' or 's'
    std::string signature;    // 'q' (returns rows) or 'e', then the parameter kinds
    std::shared_ptr<const std::vector<std::string>> names;
};

char kind_of(const Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) return 'i';
    if (std::holds_alternative<double>(v)) return 'd';
    return 's';
}

Value column_value(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return nullptr;
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_string:
        case soci::dt_xml:
        case soci::dt_blob: return r.get<std::string>(i);
        case soci::dt_double: return r.get<double>(i);
        case soci::dt_integer: return static_cast<std::int64_t>(r.get<int>(i));
        case soci::dt_long_long: return static_cast<std::int64_t>(r.get<long long>(i));
        case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
        case soci::dt_date: {
            std::tm t = r.get<std::tm>(i);
            char buf[32];
            std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &t);
            return std::string(buf);
        }
    }
    return nullptr;
}

/// One pooled connection with its statement cache.
class Session {
public:
    Session(Dialect d, const std::string& conn) : dialect_(d) {
        if (d == Dialect::Sqlite) {
            sql_.open(*soci::factory_sqlite3(), conn);
            sql_ << "PRAGMA journal_mode=WAL";
            sql_ << "PRAGMA foreign_keys=ON";
            sql_ << "PRAGMA busy_timeout=10000";
            sql_ << "PRAGMA synchronous=NORMAL";
        } else {
            sql_.open(*soci::factory_postgresql(), conn);
            sql_ << "SET client_min_messages TO WARNING";
        }
    }

    Prepared& prepare(std::string_view sql, const Params& params, bool with_rows) {
        // Looked up by the SQL text without allocating; the variants of one text differ by row binding
        // and parameter kinds.
        char kinds[64];
        std::size_t nk = 0;
        kinds[nk++] = with_rows ? 'q' : 'e';
        for (const auto& p : params)
            if (nk < sizeof kinds) kinds[nk++] = kind_of(p);
        const std::string_view signature(kinds, nk);
        auto it = cache_.find(sql);
        if (it != cache_.end())
            for (auto& v : it->second)
                if (v->signature == signature) return *v;
        auto p = std::make_unique<Prepared>(sql_);
        p->signature.assign(signature);
        const auto n = params.size();
        p->ints.resize(n);
        p->doubles.resize(n);
        p->strings.resize(n);
        p->inds.resize(n, soci::i_ok);
        p->kinds.resize(n);
        p->st.alloc();
        for (std::size_t i = 0; i < n; ++i) {
            p->kinds[i] = kind_of(params[i]);
            if (p->kinds[i] == 'i') p->st.exchange(soci::use(p->ints[i], p->inds[i]));
            else if (p->kinds[i] == 'd') p->st.exchange(soci::use(p->doubles[i], p->inds[i]));
            else p->st.exchange(soci::use(p->strings[i], p->inds[i]));
        }
        if (with_rows) p->st.exchange(soci::into(p->row));
        p->st.prepare(std::string(sql));
        p->st.define_and_bind();
        auto& ref = *p;
        if (it == cache_.end()) it = cache_.emplace(std::string(sql), std::vector<std::unique_ptr<Prepared>>()).first;
        it->second.push_back(std::move(p));
        return ref;
    }

    static void assign(Prepared& p, const Params& params) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            p.inds[i] = std::holds_alternative<std::nullptr_t>(v) ? soci::i_null : soci::i_ok;
            if (auto x = std::get_if<std::int64_t>(&v)) p.ints[i] = *x;
            else if (auto d = std::get_if<double>(&v)) p.doubles[i] = *d;
            else if (auto s = std::get_if<std::string>(&v)) p.strings[i] = *s;
            else p.strings[i].clear();
        }
    }

    std::vector<Row> query(std::string_view sql, const Params& params) {
        Prepared& p = prepare(sql, params, true);
        assign(p, params);
        std::vector<Row> out;
        bool got = p.st.execute(true);
        while (got) {
            if (!p.names) {
                auto names = std::make_shared<std::vector<std::string>>();
                for (std::size_t i = 0; i < p.row.size(); ++i) names->push_back(p.row.get_properties(i).get_name());
                p.names = names;
            }
            std::vector<Value> values;
            values.reserve(p.row.size());
            for (std::size_t i = 0; i < p.row.size(); ++i) values.push_back(column_value(p.row, i));
            out.emplace_back(p.names, std::move(values));
            got = p.st.fetch();
        }
        return out;
    }

    std::int64_t exec(std::string_view sql, const Params& params) {
        Prepared& p = prepare(sql, params, false);
        assign(p, params);
        p.st.execute(true);
        return p.st.get_affected_rows();
    }

    void raw(const std::string& sql) { sql_ << sql; }
    /// Transaction control through the statement cache (prepared once per session).
    void control(std::string_view sql) { exec(sql, {}); }
    Dialect dialect() const { return dialect_; }
    /// Drops cached statements (after a failed statement leaves one in an unknown state).
    void reset_cache() { cache_.clear(); }

private:
    Dialect dialect_;
    soci::session sql_;
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, std::vector<std::unique_ptr<Prepared>>, SqlHash, std::equal_to<>> cache_;
};

class SociTx : public Tx {
public:
    explicit SociTx(Session& s) : s_(s) {}
    std::vector<Row> query(std::string_view sql, const Params& params) override {
        try {
            return s_.query(sql, params);
        } catch (const core::Error&) {
            throw;
        } catch (const std::exception& e) {
            s_.reset_cache();
            rethrow_db_error(e);
        }
    }
    std::int64_t exec(std::string_view sql, const Params& params) override {
        try {
            return s_.exec(sql, params);
        } catch (const core::Error&) {
            throw;
        } catch (const std::exception& e) {
            s_.reset_cache();
            rethrow_db_error(e);
        }
    }
    Dialect dialect() const override { return s_.dialect(); }
    void exec_script(std::string_view script) override {
        std::string stmt;
        std::size_t start = 0;
        while (start < script.size()) {
            auto end = script.find('\n', start);
            if (end == std::string_view::npos) end = script.size();
            std::string_view line = script.substr(start, end - start);
            start = end + 1;
            std::string_view trimmed = line;
            while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r' || trimmed.back() == '\t'))
                trimmed.remove_suffix(1);
            if (trimmed.substr(0, 2) == "--") continue;
            stmt.append(line).push_back('\n');
            if (!trimmed.empty() && trimmed.back() == ';') {
                try {
                    s_.raw(stmt);
                } catch (const std::exception& e) {
                    throw core::Error::internal("migration statement failed: " + std::string(e.what()) + "\n" + stmt);
                }
                stmt.clear();
            }
        }
        if (stmt.find_first_not_of(" \n\r\t") != std::string::npos) s_.raw(stmt);
    }

private:
    Session& s_;
};

class PooledDatabase : public Database {
public:
    PooledDatabase(Dialect d, const std::string& url, const std::string& conn, std::size_t pool_size) : dialect_(d) {
        url_ = url;
        for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i) {
            sessions_.push_back(std::make_unique<Session>(d, conn));
            free_.push_back(sessions_.back().get());
        }
    }
    Dialect dialect() const override { return dialect_; }

protected:
    void run(bool write, const std::function<void(Tx&)>& fn) override {
        Session* s = borrow();
        struct Return {
            PooledDatabase* db;
            Session* s;
            ~Return() { db->give_back(s); }
        } guard{this, s};
        // SQLite has one writer at a time: writers of this process queue here instead of in SQLite's busy
        // handler, whose back-off sleeps (up to 100 ms each) made the tail latency of concurrent writes.
        std::unique_lock<std::mutex> serial;
        if (write && dialect_ == Dialect::Sqlite) serial = std::unique_lock<std::mutex>(write_mu_);
        const char* begin = dialect_ == Dialect::Sqlite ? (write ? "BEGIN IMMEDIATE" : "BEGIN")
                                                        : (write ? "BEGIN" : "BEGIN READ ONLY");
        try {
            s->control(begin);
        } catch (const std::exception& e) {
            rethrow_db_error(e);
        }
        SociTx tx(*s);
        try {
            fn(tx);
        } catch (...) {
            try {
                s->reset_cache();
                s->raw("ROLLBACK");
            } catch (...) {
            }
            throw;
        }
        try {
            s->control("COMMIT");
        } catch (const std::exception& e) {
            try {
                s->reset_cache();
                s->raw("ROLLBACK");
            } catch (...) {
            }
            rethrow_db_error(e);
        }
    }

private:
    Session* borrow() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !free_.empty(); });
        Session* s = free_.back();
        free_.pop_back();
        return s;
    }
    void give_back(Session* s) {
        {
            std::lock_guard lock(mu_);
            free_.push_back(s);
        }
        cv_.notify_one();
    }

    Dialect dialect_;
    std::vector<std::unique_ptr<Session>> sessions_;
    std::vector<Session*> free_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::mutex write_mu_;  ///< SQLite: one write transaction of this process at a time
};

/// libpq keyword form of a postgresql:// URL (SOCI does not accept URLs): user, password, host, port, dbname
/// and query parameters such as sslmode.
std::string pg_keywords(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string out;
    auto add = [&](const std::string& k, const std::string& v) {
        if (v.empty()) return;
        std::string escaped;
        for (char c : v) {
            if (c == '\\' || c == '\'') escaped.push_back('\\');
            escaped.push_back(c);
        }
        out += k + "='" + escaped + "' ";
    };
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        std::string cred = rest.substr(0, at);
        rest = rest.substr(at + 1);
        auto colon = cred.find(':');
        add("user", cred.substr(0, colon));
        if (colon != std::string::npos) add("password", cred.substr(colon + 1));
    }
    std::string hostport = rest, dbname;
    if (auto slash = rest.find('/'); slash != std::string::npos) {
        hostport = rest.substr(0, slash);
        dbname = rest.substr(slash + 1);
    }
    if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
        add("host", hostport.substr(0, colon));
        add("port", hostport.substr(colon + 1));
    } else {
        add("host", hostport);
    }
    add("dbname", dbname);
    std::size_t pos = 0;
    while (pos < query.size()) {
        auto amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        auto kv = query.substr(pos, amp - pos);
        if (auto eq = kv.find('='); eq != std::string::npos) add(kv.substr(0, eq), kv.substr(eq + 1));
        pos = amp + 1;
    }
    return out;
}

}  // namespace

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
    try {
        if (url.rfind("sqlite:", 0) == 0) {
            // Each connection is used by one thread at a time (the pool): SQLite's own per-call mutexes
            // are not needed. Only possible before SQLite initialises; later calls are harmless no-ops.
            static const int configured = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
            (void)configured;
            std::string path = url.substr(7);
            return std::make_unique<PooledDatabase>(Dialect::Sqlite, url, "db=" + path + " timeout=10", pool_size);
        }
        if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
            return std::make_unique<PooledDatabase>(Dialect::Postgres, url, pg_keywords(url), pool_size);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        throw core::Error::validation("db_open_failed", "无法打开数据库：" + std::string(e.what()), "db");
    }
    throw core::Error::validation("db_url", "数据库地址应为 sqlite:PATH 或 postgresql://…", "db");
}

}  // namespace hulei::db
