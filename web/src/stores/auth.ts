// The signed-in user: who they are, what they may do, their session stage and CSRF token.
// The session cookie is HttpOnly: the console never sees it, it only asks GET /auth/me.
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import type { LoginInput } from '@/api/auth'
import type { Me, Stage } from '@/api/types'

interface AuthState {
  me: Me | null
  csrf: string
  /** Whether GET /auth/me has been asked since the page loaded. */
  checked: boolean
}

export const useAuthStore = defineStore('auth', {
  state: (): AuthState => ({ me: null, csrf: '', checked: false }),
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
    },
    clear() {
      this.me = null
      this.csrf = ''
      this.checked = true
    },
    /** Loads the current user once per page load; null when not signed in. */
    async ensureMe(): Promise<Me | null> {
      if (this.checked) return this.me
      return this.fetchMe()
    },
    async fetchMe(): Promise<Me | null> {
      try {
        this.setMe(await authApi.getMe())
      } catch {
        this.clear()
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
