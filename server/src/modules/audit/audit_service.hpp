#pragma once
// The auditor's view of the audit log: filtered reading and chain verification. Read-only: there is
// no way to change or delete an entry through the service or the API.
#include "audit/audit.hpp"
#include "db/database.hpp"
#include "security/principal.hpp"

namespace hulei::audit_log {

class AuditLogService {
public:
    explicit AuditLogService(db::Database& db) : db_(db) {}
    /// Entries matching `q`, newest first (audit:log:list).
    audit::Page list(const security::Principal& p, const audit::Query& q);
    /// Verifies the whole chain (audit:log:verify).
    audit::VerifyResult verify(const security::Principal& p);

private:
    db::Database& db_;
};

}  // namespace hulei::audit_log
