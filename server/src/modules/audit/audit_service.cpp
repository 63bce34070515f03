#include "modules/audit/audit_service.hpp"

#include "core/error.hpp"

namespace hulei::audit_log {

audit::Page AuditLogService::list(const security::Principal& p, const audit::Query& q) {
    if (!p.has("audit:log:list")) throw core::Error::forbidden();
    return db_.read([&](db::Tx& tx) { return audit::list(tx, q); });
}

audit::VerifyResult AuditLogService::verify(const security::Principal& p) {
    if (!p.has("audit:log:verify")) throw core::Error::forbidden();
    return audit::verify(db_);
}

}  // namespace hulei::audit_log
