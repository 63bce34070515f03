// /api/v1/sessions: active sessions and forced sign-out (auth module).
import { http } from './request'
import type { Session } from './types'

export function listSessions(userId?: number) {
  return http.get<{ items: Session[] }>('/sessions', { user_id: userId })
}

export function revokeSession(id: string) {
  return http.delete(`/sessions/${encodeURIComponent(id)}`)
}
