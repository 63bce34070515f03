import { describe, expect, it } from 'vitest'
import { layoutChildren } from '@/router/routes'
import { buildMenu } from '@/router/menu'

const menuFor = (perms: string[]) => buildMenu(layoutChildren, (p) => perms.includes(p)).map((i) => i.path)

describe('permission-filtered menu', () => {
  it('shows only home and my account to a user with no admin permissions', () => {
    expect(menuFor([])).toEqual(['/', '/account'])
  })

  it('shows units to every business role (org:unit:list)', () => {
    expect(menuFor(['org:unit:list'])).toEqual(['/', '/units', '/account'])
  })

  it('shows the system administrator units, users and settings but not the audit log', () => {
    expect(menuFor(['org:unit:list', 'org:unit:create', 'org:user:list', 'policy:policy:list'])).toEqual([
      '/',
      '/units',
      '/users',
      '/policies',
      '/account',
    ])
  })

  it('shows the auditor the audit log only', () => {
    expect(menuFor(['audit:log:list', 'audit:log:verify'])).toEqual(['/', '/audit', '/account'])
  })

  it('never lists pages that are not menu entries (403, not found)', () => {
    const all = buildMenu(layoutChildren, () => true).map((i) => i.path)
    expect(all).not.toContain('/403')
    expect(all.some((p) => p.includes(':pathMatch'))).toBe(false)
    expect(all.some((p) => p.includes(':id'))).toBe(false)
    expect(all).toHaveLength(26)
  })

  it('shows a unit officer the to-do list, campaigns and supervision but not the import', () => {
    const officer = ['org:unit:list', 'plan:campaign:list', 'plan:progress:create', 'supervision:action:list', 'supervision:response:create']
    expect(menuFor(officer)).toEqual(['/', '/todo', '/campaigns', '/supervision', '/units', '/account'])
  })

  it('shows the coordinator the plan import', () => {
    const coordinator = ['org:unit:list', 'plan:campaign:list', 'plan:campaign:create', 'supervision:action:list', 'supervision:action:create']
    expect(menuFor(coordinator)).toEqual(['/', '/todo', '/campaigns', '/campaigns/import', '/supervision', '/units', '/account'])
  })

  it('shows 重点儿童 to a village cadre (children:child:list)', () => {
    const village = ['org:unit:list', 'children:child:list', 'children:child:read', 'children:quality:view']
    expect(menuFor(village)).toEqual(['/', '/children', '/care/dashboard', '/units', '/account'])
  })

  it('shows the care pages by their permissions (dashboard, teams, care persons)', () => {
    const village = ['org:unit:list', 'children:child:list', 'children:team:list', 'children:team:assign', 'children:care:list', 'children:care:manage']
    expect(menuFor(village)).toEqual(['/', '/children', '/care/dashboard', '/care/teams', '/care/persons', '/units', '/account'])
    expect(menuFor(['children:team:list'])).toEqual(['/', '/care/teams', '/account'])
    expect(menuFor(['children:care:list'])).toEqual(['/', '/care/persons', '/account'])
  })

  it('shows 从业查询 to a school (screening:check:list) but not to a village cadre', () => {
    const school = ['org:unit:list', 'children:child:list', 'children:care:list', 'screening:check:create', 'screening:check:list']
    const village = ['org:unit:list', 'children:child:list', 'children:care:list', 'children:care:manage']
    expect(menuFor(school)).toContain('/screening')
    expect(menuFor(school)).not.toContain('/screening/reviews')
    expect(menuFor(school)).not.toContain('/registry')
    expect(menuFor(village)).not.toContain('/screening')
    const entry = buildMenu(layoutChildren, (p) => school.includes(p)).find((i) => i.path === '/screening')
    expect(entry?.title).toBe('nav.screening')
  })

  it('shows the police the registry, the reviews and the alerts; the office the alerts read-only besides 从业查询', () => {
    const police = ['org:unit:list', 'registry:record:list', 'registry:record:read', 'screening:review:list', 'screening:review:decide', 'screening:alert:list', 'screening:alert:close']
    expect(menuFor(police)).toEqual(['/', '/screening/reviews', '/screening/alerts', '/registry', '/units', '/account'])
    const office = ['org:unit:list', 'screening:check:create', 'screening:check:list', 'screening:alert:list']
    expect(menuFor(office)).toEqual(['/', '/screening', '/screening/alerts', '/units', '/account'])
  })

  it('shows 强制报告 and its receipts to every reporting role, 报告处置 to the police only', () => {
    const school = ['org:unit:list', 'plan:campaign:list', 'screening:check:list', 'reports:report:create']
    const police = ['org:unit:list', 'plan:campaign:list', 'reports:report:handle', 'reports:reporter:read', 'reports:overdue:list', 'reports:stats:read']
    expect(menuFor(school)).toEqual(['/', '/todo', '/reports/new', '/reports/receipts', '/campaigns', '/screening', '/units', '/account'])
    expect(menuFor(police)).toEqual(['/', '/todo', '/reports', '/reports/overdue', '/reports/stats', '/campaigns', '/units', '/account'])
    expect(menuFor(police)).not.toContain('/reports/new')
    const office = ['org:unit:list', 'reports:report:create', 'reports:overdue:list', 'reports:report:escalate', 'reports:stats:read']
    expect(menuFor(office)).toEqual(['/', '/reports/new', '/reports/receipts', '/reports/overdue', '/reports/stats', '/units', '/account'])
    expect(menuFor(['reports:stats:read'])).toEqual(['/', '/reports/stats', '/account'])
    const entry = buildMenu(layoutChildren, (p) => school.includes(p)).find((i) => i.path === '/reports/new')
    expect(entry).toEqual({ path: '/reports/new', title: 'nav.reportNew', icon: 'WarningFilled' })
  })

  it('shows 案件办理 to the police, 救助帮扶 alone to the judicial office, 案件统计 and 案件倒查 to the office; nothing of cases to a village', () => {
    const police = ['org:unit:list', 'reports:report:handle', 'cases:case:list', 'cases:case:read', 'cases:case:create', 'cases:case:update', 'cases:victim:reveal', 'cases:support:list', 'cases:support:close', 'cases:stats:read', 'cases:review:read']
    const judicial = ['org:unit:list', 'plan:campaign:list', 'reports:report:create', 'cases:support:list', 'cases:support:close']
    const office = ['org:unit:list', 'reports:stats:read', 'cases:stats:read', 'cases:review:read', 'cases:review:act']
    const village = ['org:unit:list', 'children:child:list', 'reports:report:create']
    expect(menuFor(police)).toEqual(['/', '/reports', '/cases', '/cases/support', '/cases/stats', '/units', '/account'])
    expect(menuFor(judicial).filter((p) => p.startsWith('/cases'))).toEqual(['/cases/support'])
    expect(menuFor(office)).toEqual(['/', '/reports/stats', '/cases/stats', '/cases/reviews', '/units', '/account'])
    // The police hold cases:review:read too, but reach a review from their case list: no 案件倒查 entry.
    expect(menuFor(police)).not.toContain('/cases/reviews')
    expect(menuFor(village).some((p) => p.startsWith('/cases'))).toBe(false)
    const entry = buildMenu(layoutChildren, (p) => police.includes(p)).find((i) => i.path === '/cases')
    expect(entry).toEqual({ path: '/cases', title: 'nav.cases', icon: 'Briefcase' })
  })

  it('carries the i18n title and icon of each item', () => {
    const [home] = buildMenu(layoutChildren, () => true)
    expect(home).toEqual({ path: '/', title: 'nav.home', icon: 'HomeFilled' })
  })
})
