// 案件倒查 list (/cases/reviews): GET /cases/reviews; each case with its station, month, stage, tally and failed
// checks with their units (a raised one marked 已督办), linking to /cases/:id/review; "only with failed checks"
// filters; the menu entry for the office only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { fakeResponse, makeMe } from './helpers'

vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))

import { i18n } from '@/locales'
import { installElement } from '@/plugins/element'
import { useAuthStore } from '@/stores/auth'
import { listCaseReviews, type CaseReviewLine } from '@/api/cases'
import ReviewsPage from '@/views/cases/reviews.vue'

const fetchMock = vi.fn()
const OFFICE = makeMe({ id: 2, username: 'coordinator', permissions: ['org:unit:list', 'cases:stats:read', 'cases:review:read', 'cases:review:act'] })

function line(over: Partial<CaseReviewLine> = {}): CaseReviewLine {
  return {
    case_id: 5,
    station: { id: 3, name: '五团镇派出所' },
    accepted_month: '2026-10',
    stage: 'filed',
    checks: { pass: 1, fail: 2, not_available: 3 },
    failed: [
      { key: 'report_timely:20', label: '报告单位是否在24小时内报告', unit: { id: 20, name: '青石村' }, action_id: null },
      { key: 'screened_before_hire', label: '入职前是否查询', unit: { id: 8, name: '五团镇中心小学' }, action_id: 44 },
    ],
    ...over,
  }
}

async function settle() {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await nextTick()
  }
}
const q = (name: string) => document.body.querySelector(`[data-test="${name}"]`) as HTMLElement | null

let app: App | null = null
let host: HTMLElement | null = null
beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().setMe(OFFICE)
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  app?.unmount()
  app = null
  host?.remove()
  document.body.innerHTML = ''
})

async function mount(component: Component, path: string): Promise<Router> {
  const Blank = { render: () => h('div') }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases/:id(\\d+)/review', component: Blank },
      { path: '/:p(.*)*', component: Blank },
    ],
  })
  await router.push(path)
  await router.isReady()
  host = document.createElement('div')
  document.body.appendChild(host)
  app = createApp({ render: () => h(component) })
  app.use(i18n).use(router)
  installElement(app)
  app.mount(host)
  await settle()
  return router
}

describe('the review list (倒查清单)', () => {
  it('asks GET /api/v1/cases/reviews', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listCaseReviews()
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/v1/cases/reviews')
    expect(init.method ?? 'GET').toBe('GET')
  })

  it('lists each case with its tally and failed units, and links it to its review', async () => {
    const clean = line({ case_id: 4, stage: 'judged', checks: { pass: 5, fail: 0, not_available: 2 }, failed: [] })
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [line(), clean] }))
    const router = await mount(ReviewsPage, '/cases/reviews')
    expect((fetchMock.mock.calls as [string][]).map(([url]) => url)).toEqual(['/api/v1/cases/reviews'])
    const list = q('case-reviews-list')!
    expect(list.querySelectorAll('[data-test^="case-reviews-row-"]')).toHaveLength(2)

    const row = q('case-reviews-row-5')!
    expect(row.textContent).toContain('案件 #5')
    expect(row.textContent).toContain('五团镇派出所')
    expect(row.textContent).toContain('2026-10')
    expect(row.textContent).toContain('立案')
    expect(q('case-reviews-tally-5')?.textContent).toContain('未落实 2')
    expect(q('case-reviews-tally-5')?.textContent).toContain('无法核查 3')
    expect(q('case-reviews-tally-5')?.textContent).toContain('通过 1')
    const timely = q('case-reviews-failed-5-report_timely:20')!
    expect(timely.textContent).toContain('报告单位是否在24小时内报告')
    expect(timely.textContent).toContain('青石村')
    expect(timely.textContent).not.toContain('已督办')
    expect(q('case-reviews-failed-5-screened_before_hire')?.textContent).toContain('已督办')
    expect(q('case-reviews-row-4')?.textContent).toContain('未发现未落实项')

    const link = q('case-reviews-link-5')!
    expect(link.getAttribute('href')).toBe('/cases/5/review')
    link.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/cases/5/review')
  })

  it('shows only the cases with failed checks when asked, and says when there is none', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [line(), line({ case_id: 4, checks: { pass: 5, fail: 0, not_available: 2 }, failed: [] })] }))
    await mount(ReviewsPage, '/cases/reviews')
    ;(q('case-reviews-only-failed')!.querySelector('input') as HTMLInputElement).click()
    await settle()
    expect(q('case-reviews-row-5')).not.toBeNull()
    expect(q('case-reviews-row-4')).toBeNull()

    app?.unmount()
    document.body.innerHTML = ''
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await mount(ReviewsPage, '/cases/reviews')
    expect(q('case-reviews-list')?.textContent).toContain('没有案件')
  })
})
