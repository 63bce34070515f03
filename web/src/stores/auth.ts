// The signed-in user: who they are, what they may do, their session stage and CSRF token.
// The session cookie is HttpOnly: the console never sees it, it only asks GET /auth/me.
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import { ApiError } from '@/api/request'
import type { LoginInput } from '@/api/auth'
import type { Me, Stage } from '@/api/types'

interface AuthState {
  me: Me | null
  csrf: string
  /** Whether GET /auth/me has been answered since the page loaded. */
  checked: boolean
  /** The server could not be reached: `me` is the last one seen on this device (the console reopened offline). */
  offline: boolean
}

/**
 * The last signed-in user, kept so that the console reopens offline (a visit can be recorded and synced
 * later). Removed on sign-out and whenever the server says the session is over.
 */
const SNAPSHOT_KEY = 'hulei.me'

function saveSnapshot(me: Me | null): void {
  try {
    // Never the CSRF token: it is asked anew from the server once it can be reached.
    if (me) globalThis.localStorage?.setItem(SNAPSHOT_KEY, JSON.stringify({ ...me, csrf_token: undefined }))
    else globalThis.localStorage?.removeItem(SNAPSHOT_KEY)
  } catch {
    /* storage unavailable */
  }
}

function readSnapshot(): Me | null {
  try {
    const text = globalThis.localStorage?.getItem(SNAPSHOT_KEY)
    const me = text ? (JSON.parse(text) as Me) : null
    return me && typeof me.id === 'number' && Array.isArray(me.permissions) ? me : null
  } catch {
    return null
  }
}

/**
 * The server could not be reached, as opposed to an answer about the session: no network (status 0), or a
 * proxy in front of it answering 502/503/504 (nginx with the server down) — any 5xx.
 */
function unreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status >= 500)
}

export const useAuthStore = defineStore('auth', {
  state: (): AuthState => ({ me: null, csrf: '', checked: false, offline: false }),
  getters: {
    signedIn: (s): boolean => s.me !== null,
    stage: (s): Stage | null => s.me?.stage ?? null,
    permissions: (s): string[] => s.me?.permissions ?? [],
    permissionSet(): ReadonlySet<string> {
      return new Set(this.permissions)
    },
  },
  actions: {
    /** Whether the user holds the permission (empty permission: always). */
    can(permission?: string | string[]): boolean {
      if (!permission || (Array.isArray(permission) && permission.length === 0)) return true
      const list = Array.isArray(permission) ? permission : [permission]
      return list.some((p) => this.permissionSet.has(p))
    },
    setMe(me: Me) {
      this.me = me
      if (me.csrf_token) this.csrf = me.csrf_token
      this.checked = true
      this.offline = false
      saveSnapshot(me)
    },
    clear() {
      this.me = null
      this.csrf = ''
      this.checked = true
      this.offline = false
      saveSnapshot(null)
    },
    /** Loads the current user once per page load; null when not signed in. */
    async ensureMe(): Promise<Me | null> {
      if (this.checked) return this.me
      return this.fetchMe()
    },
    async fetchMe(): Promise<Me | null> {
      try {
        this.setMe(await authApi.getMe())
      } catch (err) {
        const snapshot = unreachable(err) ? readSnapshot() : null
        if (snapshot) {
          // Unreachable, not signed out: carry on as the last user; ask again at the next navigation.
          this.me = snapshot
          this.csrf = ''
          this.offline = true
          this.checked = false
        } else {
          this.clear()
        }
      }
      return this.me
    },
    async login(data: LoginInput): Promise<Me> {
      const me = await authApi.login(data)
      this.setMe(me)
      return me
    },
    async logout() {
      try {
        await authApi.logout()
      } finally {
        this.clear()
      }
    },
  },
})
