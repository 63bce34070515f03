// The router and its guard: the guard loads the current user once, then applies decideNavigation.
import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes'
import { decideNavigation } from './guard'
import { bindRouter } from './navigation'
import { useAuthStore } from '@/stores/auth'
import { useAppStore } from '@/stores/app'
import { i18n } from '@/locales'

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

bindRouter(router)

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  await auth.ensureMe()
  const me = auth.me
  return decideNavigation(to, me ? { stage: me.stage, can: (p) => auth.can(p) } : null)
})

router.afterEach((to) => {
  useAppStore().drawerOpen = false
  const t = i18n.global.t
  const title = to.meta.title ? t(to.meta.title) : ''
  if (typeof document !== 'undefined') document.title = title ? `${title} · ${t('app.name')}` : t('app.name')
})

export default router
