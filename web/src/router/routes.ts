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
    /** Left out of the menu for users holding this permission (they reach the page another way). */
    menuUnless?: string
    /** Element Plus icon name for the menu. */
    icon?: string
    /** The menu entry to highlight on a page that is not itself in the menu (a detail page). */
    activeMenu?: string
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
    path: 'todo',
    name: 'todo',
    component: () => import('@/views/todo/index.vue'),
    meta: { title: 'nav.todo', menu: true, icon: 'Bell', permission: 'plan:campaign:list' },
  },
  {
    path: 'reports/new',
    name: 'report-new',
    component: () => import('@/views/reports/new.vue'),
    meta: { title: 'nav.reportNew', menu: true, icon: 'WarningFilled', permission: 'reports:report:create' },
  },
  {
    path: 'reports/receipts',
    name: 'report-receipts',
    component: () => import('@/views/reports/receipts.vue'),
    meta: { title: 'nav.reportReceipts', menu: true, icon: 'Tickets', permission: 'reports:report:create' },
  },
  {
    path: 'reports',
    name: 'reports',
    component: () => import('@/views/reports/index.vue'),
    meta: { title: 'nav.reports', menu: true, icon: 'Document', permission: 'reports:report:handle' },
  },
  {
    path: 'reports/:id(\\d+)',
    name: 'report',
    component: () => import('@/views/reports/detail.vue'),
    meta: { title: 'nav.report', permission: 'reports:report:handle', activeMenu: '/reports' },
  },
  {
    path: 'reports/overdue',
    name: 'report-overdue',
    component: () => import('@/views/reports/overdue.vue'),
    meta: { title: 'nav.reportOverdue', menu: true, icon: 'AlarmClock', permission: 'reports:overdue:list' },
  },
  {
    path: 'reports/stats',
    name: 'report-stats',
    component: () => import('@/views/reports/stats.vue'),
    meta: { title: 'nav.reportStats', menu: true, icon: 'Histogram', permission: 'reports:stats:read' },
  },
  {
    path: 'cases',
    name: 'cases',
    component: () => import('@/views/cases/index.vue'),
    meta: { title: 'nav.cases', menu: true, icon: 'Briefcase', permission: 'cases:case:list' },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'case',
    component: () => import('@/views/cases/detail.vue'),
    meta: { title: 'nav.case', permission: 'cases:case:read', activeMenu: '/cases' },
  },
  {
    path: 'cases/:id(\\d+)/review',
    name: 'case-review',
    component: () => import('@/views/cases/review.vue'),
    meta: { title: 'nav.caseReview', permission: 'cases:review:read', activeMenu: '/cases/reviews' },
  },
  {
    path: 'cases/support',
    name: 'case-support',
    component: () => import('@/views/cases/support.vue'),
    meta: { title: 'nav.caseSupport', menu: true, icon: 'FirstAidKit', permission: 'cases:support:list' },
  },
  {
    path: 'cases/stats',
    name: 'case-stats',
    component: () => import('@/views/cases/stats.vue'),
    meta: { title: 'nav.caseStats', menu: true, icon: 'PieChart', permission: 'cases:stats:read' },
  },
  {
    // The office's way to the reviews; the police reach a review from their case list.
    path: 'cases/reviews',
    name: 'case-reviews',
    component: () => import('@/views/cases/reviews.vue'),
    meta: { title: 'nav.caseReviews', menu: true, icon: 'Search', permission: 'cases:review:read', menuUnless: 'cases:case:list' },
  },
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('@/views/campaigns/index.vue'),
    meta: { title: 'nav.campaigns', menu: true, icon: 'Flag', permission: 'plan:campaign:list' },
  },
  {
    path: 'campaigns/import',
    name: 'campaign-import',
    component: () => import('@/views/campaigns/import.vue'),
    meta: { title: 'nav.campaignImport', menu: true, icon: 'Upload', permission: 'plan:campaign:create' },
  },
  {
    path: 'campaigns/:id(\\d+)',
    name: 'campaign',
    component: () => import('@/views/campaigns/detail.vue'),
    meta: { title: 'nav.campaign', permission: 'plan:campaign:list', activeMenu: '/campaigns' },
  },
  {
    path: 'tasks/:id(\\d+)',
    name: 'task',
    component: () => import('@/views/tasks/index.vue'),
    meta: { title: 'nav.task', permission: 'plan:campaign:list', activeMenu: '/campaigns' },
  },
  {
    path: 'supervision',
    name: 'supervision',
    component: () => import('@/views/supervision/index.vue'),
    meta: { title: 'nav.supervision', menu: true, icon: 'Promotion', permission: 'supervision:action:list' },
  },
  {
    path: 'supervision/:id(\\d+)',
    name: 'supervision-detail',
    component: () => import('@/views/supervision/detail.vue'),
    meta: { title: 'nav.supervisionDetail', permission: 'supervision:action:list', activeMenu: '/supervision' },
  },
  {
    path: 'children',
    name: 'children',
    component: () => import('@/views/children/index.vue'),
    meta: { title: 'nav.children', menu: true, icon: 'UserFilled', permission: 'children:child:list' },
  },
  {
    path: 'care/dashboard',
    name: 'care-dashboard',
    component: () => import('@/views/care/dashboard.vue'),
    meta: { title: 'nav.careDashboard', menu: true, icon: 'DataAnalysis', permission: 'children:child:list' },
  },
  {
    path: 'care/teams',
    name: 'care-teams',
    component: () => import('@/views/care/teams.vue'),
    meta: { title: 'nav.careTeams', menu: true, icon: 'Connection', permission: 'children:team:list' },
  },
  {
    path: 'care/persons',
    name: 'care-persons',
    component: () => import('@/views/care/persons.vue'),
    meta: { title: 'nav.carePersons', menu: true, icon: 'Avatar', permission: 'children:care:list' },
  },
  {
    path: 'screening',
    name: 'screening',
    component: () => import('@/views/screening/index.vue'),
    meta: { title: 'nav.screening', menu: true, icon: 'DocumentChecked', permission: 'screening:check:list' },
  },
  {
    path: 'screening/reviews',
    name: 'screening-reviews',
    component: () => import('@/views/screening/reviews.vue'),
    meta: { title: 'nav.screeningReviews', menu: true, icon: 'Checked', permission: 'screening:review:list' },
  },
  {
    path: 'screening/alerts',
    name: 'screening-alerts',
    component: () => import('@/views/screening/alerts.vue'),
    meta: { title: 'nav.screeningAlerts', menu: true, icon: 'Warning', permission: 'screening:alert:list' },
  },
  {
    path: 'registry',
    name: 'registry',
    component: () => import('@/views/registry/index.vue'),
    meta: { title: 'nav.registry', menu: true, icon: 'Lock', permission: 'registry:record:list' },
  },
  {
    path: 'children/:id(\\d+)/visits',
    name: 'child-visits',
    component: () => import('@/views/visits/index.vue'),
    meta: { title: 'nav.visits', permission: 'children:visit:list', activeMenu: '/children' },
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
