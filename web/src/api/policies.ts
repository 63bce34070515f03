// /api/v1/policies: configurable numbers and lists (policy module).
import { http, type RequestOptions } from './request'
import type { Policy } from './types'

export function listPolicies(opts: RequestOptions = {}) {
  return http.get<{ items: Policy[]; total?: number }>('/policies', undefined, opts)
}

export function updatePolicy(key: string, value: string) {
  return http.put<Policy>(`/policies/${encodeURIComponent(key)}`, { value })
}
