import { describe, expect, it, vi } from 'vitest'
import type { SupervisionAction, SupervisionQuery } from '@/api/types'
import { emptyIssueForm, issueRules, proposalPrefill, reminderPrefill, toSupervisionInput } from '@/views/supervision/issue'
import { fetchActions, MAX_PAGE_SIZE } from '@/views/supervision/data'
import { i18n } from '@/locales'

const t = i18n.global.t as (k: string, n?: Record<string, unknown>) => string

describe('the issue form', () => {
  it('sends one findings text for one unit and per-unit findings for several', () => {
    const one = { ...emptyIssueForm({ kind: 'unannounced', unit_ids: [3] }), title: ' 暗访 ', content: '内容', findings: ' 台账不全 ' }
    expect(toSupervisionInput(one)).toMatchObject({ kind: 'unannounced', unit_ids: [3], title: '暗访', findings: '台账不全', deadline: null })
    const many = { ...emptyIssueForm({ kind: 'inspection', unit_ids: [3, 5] }), title: 't', content: 'c', findingsByUnit: { 3: '甲', 5: ' ' } }
    expect(toSupervisionInput(many).findings).toEqual([{ unit_id: 3, text: '甲' }])
  })

  it('sends no findings for the ladder kinds', () => {
    const f = { ...emptyIssueForm({ kind: 'notice', unit_ids: [3] }), title: 't', content: 'c', findings: 'x' }
    expect(toSupervisionInput(f)).not.toHaveProperty('findings')
  })

  it('requires a deadline for 挂牌整治 only', () => {
    expect(issueRules(t, emptyIssueForm({ kind: 'listed' })).deadline).toBeDefined()
    expect(issueRules(t, emptyIssueForm({ kind: 'notice' })).deadline).toBeUndefined()
  })

  it('words a reminder from a matrix cell like the server’s proposals', () => {
    const p = reminderPrefill(t, 2, { id: 40, number: '四/（一）', title: '做好宣传引导' }, { id: 3, name: '社会事务办公室' }, {
      status: 'overdue',
      overdue_days: 12,
    })
    expect(p).toMatchObject({ kind: 'notice', unit_ids: [3], campaign_id: 2, task_id: 40 })
    expect(p.title).toBe('关于社会事务办公室通报提醒的通知（四/（一））')
    expect(p.content).toContain('已逾期 12 天')
    expect(p.content).toContain('“四/（一） 做好宣传引导”')
  })

  it('prefills a proposal as proposed', () => {
    const p = proposalPrefill({
      campaign_id: 1,
      task: { id: 2, number: '四/（一）', title: 't' },
      unit: { id: 7, name: 'u' },
      overdue_days: 50,
      kind: 'listed',
      kind_label: '挂牌整治',
      deadline: '2026-12-29',
      title: '标题',
      content: '内容',
      issued: [3, 4],
    })
    expect(p).toEqual({ kind: 'listed', unit_ids: [7], campaign_id: 1, task_id: 2, title: '标题', content: '内容', deadline: '2026-12-29' })
  })
})

describe('fetchActions', () => {
  const action = (id: number, kind: SupervisionAction['kind']) => ({ id, kind }) as SupervisionAction
  it('asks the API for the page when no kind is chosen', async () => {
    const list = vi.fn(async () => ({ items: [action(1, 'notice')], total: 41 }))
    const res = await fetchActions(list, { status: 'open', page: 3, page_size: 20 })
    expect(list).toHaveBeenCalledWith({ status: 'open', page: 3, page_size: 20 })
    expect(res.total).toBe(41)
  })

  it('filters by kind over every page and pages the result itself', async () => {
    const pages = [
      Array.from({ length: MAX_PAGE_SIZE }, (_, i) => action(i + 1, i % 2 ? 'notice' : 'listed')),
      [action(1001, 'listed'), action(1002, 'notice')],
    ]
    const list = vi.fn(async (q: SupervisionQuery) => ({ items: pages[(q.page ?? 1) - 1] ?? [], total: MAX_PAGE_SIZE + 2 }))
    const res = await fetchActions(list, { kind: 'listed', page: 2, page_size: 60 })
    expect(list).toHaveBeenCalledTimes(2)
    expect(res.total).toBe(MAX_PAGE_SIZE / 2 + 1)
    expect(res.items).toHaveLength(MAX_PAGE_SIZE / 2 + 1 - 60)
    expect(res.items.every((a) => a.kind === 'listed')).toBe(true)
  })
})
