// /api/v1/auth: login, logout, the signed-in user, own password and TOTP.
import { http } from './request'
import type { Me, TotpSetup } from './types'

export interface LoginInput {
  username: string
  password: string
  totp?: string
}

/** POST /auth/login. The caller handles 401 totp_required / invalid_credentials / invalid_totp and 429. */
export function login(data: LoginInput) {
  return http.post<Me>('/auth/login', data, { silent: true, skipAuthRedirect: true })
}

export function logout() {
  return http.post<void>('/auth/logout', undefined, { silent: true, skipAuthRedirect: true })
}

/** GET /auth/me; 401 simply means "not signed in". */
export function getMe() {
  return http.get<Me>('/auth/me', undefined, { silent: true, skipAuthRedirect: true })
}

/** POST /auth/password; errors wrong_password / weak_password carry a field, shown by the form. */
export function changePassword(data: { old_password: string; new_password: string }) {
  return http.post<Me>('/auth/password', data, { silent: true })
}

export function setupTotp() {
  return http.post<TotpSetup>('/auth/totp/setup')
}

export function enableTotp(code: string) {
  return http.post<Me>('/auth/totp/enable', { code }, { silent: true })
}

export function disableTotp(password: string) {
  return http.post<Me>('/auth/totp/disable', { password }, { silent: true })
}
