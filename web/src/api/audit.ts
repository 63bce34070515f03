// /api/v1/audit: the hash-chained audit log.
import { http } from './request'
import type { AuditEntry, AuditQuery, AuditVerifyResult, ListResult } from './types'

export function listAudit(query: AuditQuery = {}) {
  return http.get<ListResult<AuditEntry>>('/audit', { ...query })
}

export function verifyAudit() {
  return http.get<AuditVerifyResult>('/audit/verify')
}
