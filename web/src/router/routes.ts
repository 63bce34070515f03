// Route table: path, view, and the permission that guards it (meta.permission), side by side.
import type { RouteRecordRaw } from 'vue-router'
import AppLayout from '@/layout/AppLayout.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string
    /** The permission needed to open the page (and to see it in the menu). */
    permission?: string
    /** Shown in the side menu. */
    menu?: boolean
    /** Element Plus icon name for the menu. */
    icon?: string
    /** Reachable without signing in. */
    public?: boolean
    /** A page that only a session in this stage may open (the forced password change / enrolment). */
    forStage?: 'must_change_password' | 'must_enroll_totp'
  }
}

export const layoutChildren: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/home/index.vue'),
    meta: { title: 'nav.home', menu: true, icon: 'HomeFilled' },
  },
  {
    path: 'units',
    name: 'units',
    component: () => import('@/views/units/index.vue'),
    meta: { title: 'nav.units', menu: true, icon: 'OfficeBuilding', permission: 'org:unit:list' },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/users/index.vue'),
    meta: { title: 'nav.users', menu: true, icon: 'User', permission: 'org:user:list' },
  },
  {
    path: 'policies',
    name: 'policies',
    component: () => import('@/views/policies/index.vue'),
    meta: { title: 'nav.policies', menu: true, icon: 'Setting', permission: 'policy:policy:list' },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/index.vue'),
    meta: { title: 'nav.audit', menu: true, icon: 'Tickets', permission: 'audit:log:list' },
  },
  {
    path: 'account',
    name: 'account',
    component: () => import('@/views/account/index.vue'),
    meta: { title: 'nav.account', menu: true, icon: 'UserFilled' },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/forbidden.vue'),
    meta: { title: 'nav.forbidden' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/not-found.vue'),
    meta: { title: 'nav.notFound' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: 'nav.login', public: true },
  },
  {
    path: '/account/password',
    name: 'force-password',
    component: () => import('@/views/account/force-password.vue'),
    meta: { title: 'nav.password', forStage: 'must_change_password' },
  },
  {
    path: '/account/totp',
    name: 'force-totp',
    component: () => import('@/views/account/force-totp.vue'),
    meta: { title: 'nav.totp', forStage: 'must_enroll_totp' },
  },
  { path: '/', component: AppLayout, children: layoutChildren },
]
