// /api/v1/roles: the role catalogue with labels and permissions.
import { http } from './request'
import type { Role } from './types'

export function listRoles() {
  return http.get<{ items: Role[] }>('/roles')
}
