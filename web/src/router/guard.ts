// Where a navigation may go, as a pure decision: sign-in, the session stage, then the permission.
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { Stage } from '@/api/types'

export interface GuardUser {
  stage: Stage
  can: (permission: string) => boolean
}

type Target = Pick<RouteLocationNormalized, 'path' | 'fullPath' | 'meta' | 'query'>

export const STAGE_PAGES: Record<Exclude<Stage, 'full'>, string> = {
  must_change_password: '/account/password',
  must_enroll_totp: '/account/totp',
}

/** Where a freshly signed-in user goes first. */
export function landingPath(stage: Stage, redirect?: unknown): string {
  if (stage !== 'full') return STAGE_PAGES[stage]
  if (typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//') && redirect !== '/login')
    return redirect
  return '/'
}

/** true to go on, or the place to go instead. `user` is null when nobody is signed in. */
export function decideNavigation(to: Target, user: GuardUser | null): true | RouteLocationRaw {
  if (to.meta.public) {
    if (user && to.path === '/login') return landingPath(user.stage, to.query.redirect)
    return true
  }
  if (!user) {
    return to.fullPath && to.fullPath !== '/'
      ? { path: '/login', query: { redirect: to.fullPath } }
      : { path: '/login' }
  }
  if (user.stage !== 'full') {
    // An incomplete session can open only its own forced page: no way around it.
    const page = STAGE_PAGES[user.stage]
    return to.path === page ? true : page
  }
  if (to.meta.forStage) return '/account'
  if (to.meta.permission && !user.can(to.meta.permission)) return '/403'
  return true
}
