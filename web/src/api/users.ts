// /api/v1/users: accounts, their passwords, lock, TOTP and role grants (org + auth modules).
import { http } from './request'
import type { Grant, GrantInput, ListResult, User, UserCreateInput, UserQuery, UserUpdateInput } from './types'

export function listUsers(query: UserQuery = {}) {
  return http.get<ListResult<User>>('/users', { ...query })
}

export function getUser(id: number) {
  return http.get<User>(`/users/${id}`)
}

export function createUser(data: UserCreateInput) {
  return http.post<User>('/users', data, { silent: true })
}

export function updateUser(id: number, data: UserUpdateInput) {
  return http.put<User>(`/users/${id}`, data, { silent: true })
}

/** POST /users/{id}/password: an administrator sets a new password; the user must change it at next login. */
export function resetUserPassword(id: number, newPassword: string) {
  return http.post<void>(`/users/${id}/password`, { new_password: newPassword }, { silent: true })
}

export function unlockUser(id: number) {
  return http.post<void>(`/users/${id}/unlock`)
}

export function resetUserTotp(id: number) {
  return http.post<void>(`/users/${id}/totp/reset`)
}

export function listGrants(userId: number) {
  return http.get<{ items: Grant[] }>(`/users/${userId}/grants`)
}

export function createGrant(userId: number, data: GrantInput) {
  return http.post<Grant>(`/users/${userId}/grants`, data)
}

export function deleteGrant(userId: number, grantId: number) {
  return http.delete(`/users/${userId}/grants/${grantId}`)
}
