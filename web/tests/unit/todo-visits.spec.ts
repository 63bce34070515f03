// The to-do's visits, rendered: due children (mine first, overdue red, due soon orange, 去走访 opening the
// visit form) and the office's urgent visits with 确认已知悉.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'

const { prompt, success, acknowledge } = vi.hoisted(() => ({ prompt: vi.fn(), success: vi.fn(), acknowledge: vi.fn() }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: Object.assign(vi.fn(), { success }), ElMessageBox: { prompt } }))
vi.mock('@/api/visits', async (orig) => ({ ...(await orig<typeof import('@/api/visits')>()), acknowledgeVisit: acknowledge }))

import VisitTodo from '@/views/todo/VisitTodo.vue'
import { sortDue, dueTone, dueText } from '@/views/visits/data'
import { i18n } from '@/locales'
import { installElement } from '@/plugins/element'
import type { TodoVisitsDue } from '@/api/types'
import type { UrgentVisit, VisitDueItem } from '@/api/visits'

const t = i18n.global.t as (k: string, n?: Record<string, unknown>) => string

function due(child_id: number, days_left: number, mine = false): VisitDueItem {
  return {
    child_id,
    name: `儿童${child_id}`,
    village: { id: 1, name: '青石村' },
    categories: ['left_behind'],
    risk_level: 'low',
    interval_days: 90,
    last_visited_at: null,
    due_date: '2026-12-01',
    days_left,
    status: days_left < 0 ? 'overdue' : 'due_soon',
    mine,
  }
}
const urgent: UrgentVisit = {
  visit_id: 41,
  child_id: 3,
  child_name: '安小明',
  village: { id: 1, name: '青石村' },
  visited_at: Date.UTC(2026, 10, 28, 2),
  follow_up: '需尽快联系派出所',
  suspected_harm: true,
  recorded_by: '村干部甲',
}

let app: App | null = null
let host: HTMLElement
async function mount(props: Record<string, unknown>) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  host = document.createElement('div')
  document.body.appendChild(host)
  app = createApp(VisitTodo, props)
  app.use(createPinia()).use(i18n).use(router)
  installElement(app)
  app.mount(host)
  await router.isReady()
  await nextTick()
  return router
}

beforeEach(() => {
  prompt.mockReset()
  success.mockReset()
  acknowledge.mockReset()
})
afterEach(() => {
  app?.unmount()
  app = null
  host?.remove()
})

describe('due visits on the to-do', () => {
  const visitsDue: TodoVisitsDue = { total: 3, overdue: 1, due_soon: 2, items: [due(1, 5), due(2, -4), due(3, 2, true)] }

  it('orders mine first, then the most overdue', () => {
    expect(sortDue(visitsDue.items).map((d) => d.child_id)).toEqual([3, 2, 1])
    expect(dueTone(due(2, -4))).toBe('overdue')
    expect(dueTone(due(1, 5))).toBe('due_soon')
    expect(dueText(due(2, -4), t)).toBe('逾期 4 天')
    expect(dueText(due(1, 0), t)).toBe('今天到期')
  })

  it('renders them with colours, the mine tag and 去走访 opening the child’s visit form', async () => {
    const router = await mount({ visitsDue, urgent: [], canVisit: true })
    const rows = [...host.querySelectorAll('[data-test^="todo-visit-"]:not([data-test="todo-visit-mine"])')]
    expect(rows.map((r) => r.getAttribute('data-test'))).toEqual(['todo-visit-3', 'todo-visit-2', 'todo-visit-1'])
    expect(rows[1].classList.contains('overdue')).toBe(true)
    expect(rows[1].querySelector('.due')?.textContent).toBe('逾期 4 天')
    expect(rows[2].classList.contains('due_soon')).toBe(true)
    expect(rows[0].querySelector('[data-test="todo-visit-mine"]')?.textContent?.trim()).toBe('我包保')
    expect(host.querySelector('[data-test="todo-visits"]')?.textContent).toContain('逾期 1 人')
    ;(host.querySelector('[data-test="todo-go-visit-2"]') as HTMLButtonElement).click()
    await new Promise((r) => setTimeout(r, 0))
    expect(router.currentRoute.value.fullPath).toBe('/children/2/visits?new=1')
  })

  it('hides 去走访 from a caller who may not record visits', async () => {
    await mount({ visitsDue, urgent: [], canVisit: false })
    expect(host.querySelector('[data-test="todo-go-visit-2"]')).toBeNull()
  })
})

describe('urgent visits for the office', () => {
  it('are listed and acknowledged with the optional note', async () => {
    prompt.mockResolvedValue({ value: ' 已联系派出所 ' })
    acknowledge.mockResolvedValue({})
    await mount({ visitsDue: null, urgent: [urgent], canVisit: false })
    const row = host.querySelector('[data-test="todo-urgent-41"]')
    expect(row?.textContent).toContain('安小明')
    expect(row?.textContent).toContain('疑似侵害')
    expect(row?.textContent).toContain('需尽快联系派出所')
    ;(host.querySelector('[data-test="todo-ack-41"]') as HTMLButtonElement).click()
    await new Promise((r) => setTimeout(r, 0))
    await nextTick()
    expect(acknowledge).toHaveBeenCalledWith(41, '已联系派出所')
    expect(host.querySelector('[data-test="todo-urgent-41"]')).toBeNull()
    expect(success).toHaveBeenCalled()
  })

  it('stays when the prompt is cancelled', async () => {
    prompt.mockRejectedValue('cancel')
    await mount({ visitsDue: null, urgent: [urgent], canVisit: false })
    ;(host.querySelector('[data-test="todo-ack-41"]') as HTMLButtonElement).click()
    await new Promise((r) => setTimeout(r, 0))
    expect(acknowledge).not.toHaveBeenCalled()
    expect(host.querySelector('[data-test="todo-urgent-41"]')).not.toBeNull()
  })
})
