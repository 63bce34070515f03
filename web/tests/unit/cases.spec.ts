// 案件 and 倒查: the API mapping; the stage order and the timeline; the bodies of the forms (a case opened from a
// report carries report_id, a stage, the suspect, an evidence session without any content); the review never
// shows not_available as a pass, a failed check names its unit and offers 督办 only with cases:review:act, a
// second 督办 (409 already_opened) shows the existing action; the reveal asks a reason first; the judicial
// office's support items; "<5" figures; the menu per role.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { fakeResponse, makeMe } from './helpers'

const { message, prompt, confirm } = vi.hoisted(() => ({
  message: Object.assign(vi.fn(), { success: vi.fn(), warning: vi.fn(), info: vi.fn(), error: vi.fn() }),
  prompt: vi.fn(),
  confirm: vi.fn(),
}))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: { prompt, confirm } }))

import { i18n } from '@/locales'
import { installElement } from '@/plugins/element'
import { useAuthStore } from '@/stores/auth'
import { layoutChildren } from '@/router/routes'
import { buildMenu } from '@/router/menu'
import {
  addCaseEvidence,
  addCaseStage,
  addCaseSupport,
  closeSupportItem,
  createCase,
  getCaseStats,
  linkCaseReport,
  listCases,
  listSupportItems,
  openReviewAction,
  revealCase,
  updateCaseSuspect,
  type Case,
  type CaseReview,
  type CaseStats,
  type SupportItem,
} from '@/api/cases'
import type { Report } from '@/api/reports'
import {
  actionable,
  anyCaseSuppressed,
  crimeTypePoints,
  emptyCaseForm,
  emptyEvidenceForm,
  evidenceFormError,
  filterCases,
  nextStages,
  parseCaseId,
  reviewResult,
  reviewTally,
  sortedChecks,
  stageFormError,
  stagePoints,
  stageTimeline,
  toCaseInput,
  toEvidenceInput,
  toStageInput,
  toSuspectInput,
  validateCaseForm,
} from '@/views/cases/data'
import { revealCaseIdentity } from '@/views/cases/reveal'
import ReviewPanel from '@/views/cases/ReviewPanel.vue'
import StageDialog from '@/views/cases/StageDialog.vue'
import CaseDialog from '@/views/cases/CaseDialog.vue'
import CaseDetail from '@/views/cases/detail.vue'
import CasesList from '@/views/cases/index.vue'
import SupportPage from '@/views/cases/support.vue'
import ReviewPage from '@/views/cases/review.vue'
import ReportDetail from '@/views/reports/detail.vue'
import SupportTodo from '@/views/todo/SupportTodo.vue'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})
const fetchMock = vi.fn()

// The roles' cases permissions as granted (server/src/security/permissions.cpp).
const POLICE_PERMS = [
  'org:unit:list',
  'reports:report:handle',
  'reports:reporter:read',
  'cases:case:list',
  'cases:case:read',
  'cases:case:create',
  'cases:case:update',
  'cases:victim:reveal',
  'cases:support:list',
  'cases:support:close',
  'cases:stats:read',
  'cases:review:read',
]
const OFFICE_PERMS = ['org:unit:list', 'reports:stats:read', 'cases:stats:read', 'cases:review:read', 'cases:review:act']
const JUDICIAL_PERMS = ['org:unit:list', 'plan:campaign:list', 'reports:report:create', 'cases:support:list', 'cases:support:close']
const VILLAGE_PERMS = ['org:unit:list', 'plan:campaign:list', 'children:child:list', 'children:visit:list', 'reports:report:create']
const LEADER_PERMS = ['org:unit:list', 'plan:campaign:list', 'reports:stats:read', 'cases:stats:read']

const POLICE = makeMe({ id: 30, username: 'police', unit: { id: 3, name: '五团镇派出所', kind: 'police_station' }, permissions: POLICE_PERMS })
const OFFICE = makeMe({ id: 2, username: 'coordinator', permissions: OFFICE_PERMS })
const JUDICIAL = makeMe({ id: 40, username: 'judicial', unit: { id: 9, name: '司法所', kind: 'judicial_office' }, permissions: JUDICIAL_PERMS })

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(POLICE)
  fetchMock.mockReset()
  message.mockReset()
  message.success.mockReset()
  prompt.mockReset()
  confirm.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})

function calls(): { url: string; method: string; body: unknown }[] {
  return (fetchMock.mock.calls as [string, RequestInit][]).map(([url, init]) => ({
    url,
    method: init.method ?? 'GET',
    body: init.body ? JSON.parse(String(init.body)) : undefined,
  }))
}
const lastCall = () => calls()[calls().length - 1]
const posts = () => calls().filter((c) => c.method !== 'GET')

/** Answers each request by "METHOD url" (the first handler whose key the request starts with). */
function serve(routes: Record<string, (body: unknown) => Response>) {
  fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
    const key = `${init.method ?? 'GET'} ${url}`
    const hit = Object.keys(routes).find((k) => key === k) ?? Object.keys(routes).find((k) => key.startsWith(k))
    if (!hit) return fakeResponse(404, { error: { code: 'not_found', message: `unexpected ${key}` } })
    return routes[hit](init.body ? JSON.parse(String(init.body)) : undefined)
  })
}

async function settle() {
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await nextTick()
  }
}
const q = (name: string) => document.body.querySelector(`[data-test="${name}"]`) as HTMLElement | null
function typeInto(name: string, value: string) {
  const el = q(name)!
  const input = (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

let app: App | null = null
let host: HTMLElement | null = null
afterEach(() => {
  app?.unmount()
  app = null
  host?.remove()
  document.body.innerHTML = ''
})

/** Mounts `component` (with props) under a memory router at `path`, with pinia, i18n and Element Plus. */
async function mount(component: Component, props: Record<string, unknown> = {}, path = '/'): Promise<Router> {
  const Blank = { render: () => h('div') }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases/:id(\\d+)', component: Blank },
      { path: '/cases/:id(\\d+)/review', component: Blank },
      { path: '/reports/:id(\\d+)', component: Blank },
      { path: '/:p(.*)*', component: Blank },
    ],
  })
  await router.push(path)
  await router.isReady()
  host = document.createElement('div')
  document.body.appendChild(host)
  app = createApp({ render: () => h(component, props) })
  app.use(pinia).use(i18n).use(router)
  installElement(app)
  app.mount(host)
  await settle()
  return router
}

function support(over: Partial<SupportItem> = {}): SupportItem {
  return {
    id: 11,
    case_id: 5,
    kind: 'legal_aid',
    kind_label: '法律援助',
    unit: { id: 9, name: '司法所' },
    status: 'open',
    opened_at: 1_000,
    closed_at: null,
    close_note: null,
    crime_type: 'child_molestation',
    crime_type_label: '猥亵儿童罪',
    station: { name: '五团镇派出所' },
    ...over,
  }
}
function kase(over: Partial<Case> = {}): Case {
  return {
    id: 5,
    station: { id: 3, name: '五团镇派出所' },
    crime_type: 'child_molestation',
    crime_type_label: '猥亵儿童罪',
    stage: 'filed',
    stage_label: '立案',
    accepted_on: '2026-01-05',
    report_ids: [7],
    revealed: false,
    victim: { name: '王**', sex: 'F', age: 11, id_number: '1101**********0024', village: { id: 20, name: '青石村' }, child_id: null },
    narrative: '***',
    suspect: { name: '张**', id_number: '1101**********001X', relation: 'teacher', works_with_minors: true, employer: { id: 8, name: '五团镇中心小学' }, hired_on: '2020-09-01' },
    registry: { status: 'none', record_id: null },
    created_at: 1,
    updated_at: 1,
    stages: [
      { stage: 'accepted', label: '受案', date: '2026-01-05', convicted: null, court: null, recorded_at: 1 },
      { stage: 'filed', label: '立案', date: '2026-01-06', convicted: null, court: null, recorded_at: 2 },
    ],
    evidence: [{ id: 3, held_at: 1_700_000_000_000, place: '一站式取证室', attendees: ['办案民警2名', '女性社工'], recorded_at: 1 }],
    support: [support()],
    ...over,
  }
}
function review(over: Partial<CaseReview> = {}): CaseReview {
  return {
    case_id: 5,
    late_report_hours: 24,
    checks: [
      { key: 'report_timely:20', label: '报告单位是否在24小时内报告', result: 'pass', unit: null, detail: '发现后2小时报告', action_id: null },
      { key: 'prevention_education', label: '是否开展预防性侵教育', result: 'not_available', unit: null, detail: '宣传教育活动模块尚未上线', action_id: null },
      { key: 'screened_before_hire', label: '入职前是否查询', result: 'fail', unit: { id: 8, name: '五团镇中心小学' }, detail: '未查询', action_id: null },
      { key: 'child_in_ledger', label: '儿童是否在台账中', result: 'fail', unit: { id: 20, name: '青石村' }, detail: '', action_id: 44 },
    ],
    ...over,
  }
}
function report(over: Partial<Report> = {}): Report {
  const step = { due_at: null, done_at: null, overdue: false, late: false }
  return {
    id: 7,
    unit: { id: 20, name: '青石村' },
    unit_category: 'village',
    station: { id: 3, name: '五团镇派出所' },
    trigger: 2,
    trigger_label: '……',
    discovered_at: 1_000,
    reported_at: 1_500,
    late: false,
    status: 'handling',
    outcome: 'criminal',
    filed_at: null,
    filed_department: null,
    attachment_count: 0,
    child: { name: '王小花', sex: 'F', age: 11, details: '' },
    clock: { late_report: false, late_report_hours: 24, accept: step, feedback: step, outcome: step, overdue: false },
    seen: '女童称被老师猥亵',
    suspect: '',
    attachments: [],
    events: [],
    escalations: [],
    reporter: { name: '***', hidden: true },
    ...over,
  }
}

describe('cases API mapping', () => {
  it('maps every route to its method, path and body', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listCases()
    expect(lastCall()).toMatchObject({ url: '/api/v1/cases', method: 'GET' })
    await listSupportItems()
    expect(lastCall().url).toBe('/api/v1/case-support-items')
    await getCaseStats()
    expect(lastCall().url).toBe('/api/v1/cases/stats')

    fetchMock.mockResolvedValue(fakeResponse(200, kase()))
    await createCase({ report_id: 7, crime_type: 'rape', accepted_on: '2026-01-05', victim: { sex: 'F', age: 13 }, suspect: { relation: 'unknown' } })
    expect(lastCall()).toEqual({ url: '/api/v1/cases', method: 'POST', body: { report_id: 7, crime_type: 'rape', accepted_on: '2026-01-05', victim: { sex: 'F', age: 13 }, suspect: { relation: 'unknown' } } })
    await revealCase(5, ' 制作法律援助申请材料 ')
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/reveal', method: 'POST', body: { reason: '制作法律援助申请材料' } })
    await addCaseStage(5, { stage: 'filed', date: '2026-01-06' })
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/stages', method: 'POST', body: { stage: 'filed', date: '2026-01-06' } })
    await updateCaseSuspect(5, { relation: 'teacher', name: '张某' })
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/suspect', method: 'PUT', body: { suspect: { relation: 'teacher', name: '张某' } } })
    await linkCaseReport(5, 9)
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/reports', method: 'POST', body: { report_id: 9 } })
    await addCaseEvidence(5, { held_at: 1, place: '取证室', attendees: ['民警'] })
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/evidence', method: 'POST', body: { held_at: 1, place: '取证室', attendees: ['民警'] } })
    await addCaseSupport(5, 'legal_aid', 9)
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/support', method: 'POST', body: { kind: 'legal_aid', unit_id: 9 } })
    await closeSupportItem(11, ' 已完成 ')
    expect(lastCall()).toEqual({ url: '/api/v1/case-support-items/11/close', method: 'POST', body: { note: '已完成' } })
    await openReviewAction(5, 'report_timely:20')
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/review/actions', method: 'POST', body: { key: 'report_timely:20' } })
  })
})

describe('cases as data', () => {
  it('offers only the stages that may follow (the server decides anyway)', () => {
    expect(nextStages('accepted')).toEqual(['filed', 'not_filed'])
    expect(nextStages('filed')).toEqual(['investigating', 'withdrawn'])
    expect(nextStages('investigating')).toEqual(['prosecuting', 'withdrawn'])
    expect(nextStages('prosecuting')).toEqual(['judged'])
    expect(nextStages('judged')).toEqual([])
    expect(nextStages('not_filed')).toEqual([])
  })

  it('draws the main line, or the stages gone through and then 不立案/撤案', () => {
    const c = kase()
    expect(stageTimeline('filed', c.stages).map((n) => [n.stage, n.state])).toEqual([
      ['accepted', 'done'],
      ['filed', 'current'],
      ['investigating', 'todo'],
      ['prosecuting', 'todo'],
      ['judged', 'todo'],
    ])
    const withdrawn = [...c.stages, { stage: 'withdrawn', label: '撤案', date: '2026-01-09', convicted: null, court: null, recorded_at: 3 }]
    expect(stageTimeline('withdrawn', withdrawn).map((n) => [n.stage, n.state])).toEqual([
      ['accepted', 'done'],
      ['filed', 'done'],
      ['withdrawn', 'current'],
    ])
  })

  it('checks the stage form and sends the verdict with a judgment only', () => {
    const now = Date.UTC(2026, 5, 1, 4)
    expect(stageFormError(t, { stage: '', date: '2026-05-01', convicted: '', court: '' }, now)).toBe('请选择阶段')
    expect(stageFormError(t, { stage: 'filed', date: '2026-07-01', convicted: '', court: '' }, now)).toBe('不能晚于今天')
    expect(stageFormError(t, { stage: 'judged', date: '2026-05-01', convicted: '', court: '' }, now)).toBe('请选择判决结果')
    expect(stageFormError(t, { stage: 'judged', date: '2026-05-01', convicted: 'yes', court: ' ' }, now)).toBe('有罪判决须填写判决法院')
    expect(toStageInput({ stage: 'filed', date: '2026-05-01', convicted: 'yes', court: 'x' })).toEqual({ stage: 'filed', date: '2026-05-01' })
    expect(toStageInput({ stage: 'judged', date: '2026-05-01', convicted: 'yes', court: ' 某县人民法院 ' })).toEqual({ stage: 'judged', date: '2026-05-01', convicted: true, court: '某县人民法院' })
    expect(toStageInput({ stage: 'judged', date: '2026-05-01', convicted: 'no', court: '' })).toEqual({ stage: 'judged', date: '2026-05-01', convicted: false })
  })

  it('prefills the victim from the report and sends report_id; the suspect relation defaults to 不详', () => {
    const now = Date.UTC(2026, 5, 1, 4)
    const f = emptyCaseForm(report(), now)
    expect(f).toMatchObject({ victim_name: '王小花', victim_sex: 'F', victim_age: '11', accepted_on: '2026-06-01' })
    expect(validateCaseForm(t, f, now)).toEqual({ crime_type: '请选择罪名' })
    f.crime_type = 'child_molestation'
    expect(validateCaseForm(t, f, now)).toEqual({})
    expect(toCaseInput(f, 7)).toEqual({
      report_id: 7,
      crime_type: 'child_molestation',
      accepted_on: '2026-06-01',
      victim: { sex: 'F', name: '王小花', age: 11 },
      suspect: { relation: 'unknown' },
    })
    expect(toCaseInput(f)).not.toHaveProperty('report_id')
    // a masked name from a list line is never taken as the name
    expect(emptyCaseForm(report({ child: { name: '王*', sex: 'F', age: 11 } })).victim_name).toBe('')
  })

  it('sends the employer and hire date only when the suspect works with minors', () => {
    const s = { name: ' 张某 ', id_number: '11010119800505001x', relation: 'teacher' as const, works_with_minors: false, employer_unit_id: 8, hired_on: '2020-09-01' }
    expect(toSuspectInput(s)).toEqual({ name: '张某', id_number: '11010119800505001X', relation: 'teacher' })
    expect(toSuspectInput({ ...s, works_with_minors: true })).toEqual({ name: '张某', id_number: '11010119800505001X', relation: 'teacher', works_with_minors: true, employer_unit_id: 8, hired_on: '2020-09-01' })
  })

  it('sends an evidence session as exactly when, where and who', () => {
    const now = Date.now()
    const f = { ...emptyEvidenceForm(now - 3600_000), place: ' 取证室 ', attendees: '办案民警2名\n女性社工、法定代理人' }
    expect(evidenceFormError(t, f, now)).toBe('')
    const body = toEvidenceInput(f)
    expect(Object.keys(body).sort()).toEqual(['attendees', 'held_at', 'place'])
    expect(body.attendees).toEqual(['办案民警2名', '女性社工', '法定代理人'])
    expect(evidenceFormError(t, { ...f, attendees: ' ' }, now)).toBe('请填写在场人员')
    expect(evidenceFormError(t, { ...f, attendees: Array.from({ length: 11 }, (_, i) => `人${i}`).join('\n') }, now)).toBe('在场人员最多 10 项')
  })

  it('never counts not_available (or an unknown result) as a pass', () => {
    expect(reviewResult('pass')).toBe('pass')
    expect(reviewResult('fail')).toBe('fail')
    expect(reviewResult('not_available')).toBe('not_available')
    expect(reviewResult('something_new')).toBe('not_available')
    const r = review()
    expect(reviewTally(r.checks)).toEqual({ pass: 1, fail: 2, not_available: 1 })
    expect(sortedChecks(r.checks).map((c) => c.result)).toEqual(['fail', 'fail', 'not_available', 'pass'])
    expect(actionable(r.checks[2])).toBe(true)
    expect(actionable(r.checks[3])).toBe(false) // already raised
    expect(actionable(r.checks[1])).toBe(false)
    expect(actionable({ ...r.checks[2], unit: null })).toBe(false)
  })

  it('reads a typed case number, filters the list, and keeps "<5" as "<5"', () => {
    expect(parseCaseId(' #12 ')).toBe(12)
    expect(parseCaseId('0')).toBeNull()
    expect(parseCaseId('abc')).toBeNull()
    const items = [kase(), kase({ id: 6, crime_type: 'rape', stage: 'accepted', victim: { ...kase().victim, village: null } })]
    expect(filterCases(items, { crime_type: 'rape', stage: '', q: '' }).map((c) => c.id)).toEqual([6])
    expect(filterCases(items, { crime_type: '', stage: 'filed', q: '' }).map((c) => c.id)).toEqual([5])
    expect(filterCases(items, { crime_type: '', stage: '', q: '青石' }).map((c) => c.id)).toEqual([5])
    expect(filterCases(items, { crime_type: '', stage: '', q: '#6' }).map((c) => c.id)).toEqual([6])
    const stats: CaseStats = { suppressed_below: 5, total: 7, by_crime_type: { rape: 5, child_molestation: '<5', other: 0 }, by_stage: { accepted: 7, judged: 0 } }
    const types = crimeTypePoints(t, stats)
    expect(types.map((p) => [p.label, p.value, p.text])).toEqual([
      ['强奸罪', 5, '5'],
      ['猥亵儿童罪', 0, '<5'],
      ['其他', 0, '0'],
    ])
    expect(stagePoints(t, stats).map((p) => p.label)).toEqual(['受案', '判决'])
    expect(anyCaseSuppressed(stats)).toBe(true)
    expect(anyCaseSuppressed({ ...stats, by_crime_type: { rape: 7 } })).toBe(false)
  })
})

describe('the review (倒查)', () => {
  it('shows pass green, fail red with its unit, not_available grey — never as a pass; no 督办 for the police', async () => {
    serve({ 'GET /api/v1/cases/5/review': () => fakeResponse(200, review()) })
    await mount(ReviewPanel, { caseId: 5 })
    const na = q('case-review-prevention_education')!
    expect(na.dataset.result).toBe('not_available')
    expect(na.textContent).toContain('无法核查')
    expect(na.textContent).toContain('模块未上线或信息不足')
    expect(na.textContent).not.toContain('通过')
    expect(na.classList.contains('pass')).toBe(false)
    const pass = q('case-review-report_timely:20')!
    expect(pass.dataset.result).toBe('pass')
    expect(pass.textContent).toContain('通过')
    const fail = q('case-review-screened_before_hire')!
    expect(fail.dataset.result).toBe('fail')
    expect(fail.querySelector('[data-test="case-review-unit"]')?.textContent).toBe('五团镇中心小学')
    expect(q('case-review-fails')?.textContent).toBe('未落实 2')
    // the police read the review but raise nothing
    expect(document.querySelectorAll('[data-test^="case-review-act-"]')).toHaveLength(0)
    expect(q('case-review-action-child_in_ledger')?.getAttribute('href')).toBe('/supervision/44')
  })

  it('offers 督办 on an unraised failed check with cases:review:act, sends {key} and links the action', async () => {
    useAuthStore().setMe(OFFICE)
    const after = review()
    after.checks[2] = { ...after.checks[2], action_id: 51 }
    serve({
      'GET /api/v1/cases/5/review': () => fakeResponse(200, review()),
      'POST /api/v1/cases/5/review/actions': () => fakeResponse(201, { ...after, action_id: 51 }),
    })
    await mount(ReviewPanel, { caseId: 5 })
    expect(q('case-review-act-screened_before_hire')).not.toBeNull()
    expect(q('case-review-act-prevention_education')).toBeNull() // not_available: nothing to raise
    expect(q('case-review-act-report_timely:20')).toBeNull() // passed
    expect(q('case-review-act-child_in_ledger')).toBeNull() // already raised: a link instead
    confirm.mockResolvedValueOnce('confirm')
    q('case-review-act-screened_before_hire')!.click()
    await settle()
    expect(confirm.mock.calls[0][0]).toContain('五团镇中心小学')
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/review/actions', method: 'POST', body: { key: 'screened_before_hire' } })
    expect(q('case-review-action-screened_before_hire')?.getAttribute('href')).toBe('/supervision/51')
    expect(q('case-review-act-screened_before_hire')).toBeNull()
  })

  it('sends nothing when the 督办 is not confirmed; on 409 already_opened it reloads and shows the existing action', async () => {
    useAuthStore().setMe(OFFICE)
    let reviewed = review()
    serve({
      'GET /api/v1/cases/5/review': () => fakeResponse(200, reviewed),
      'POST /api/v1/cases/5/review/actions': () => fakeResponse(409, { error: { code: 'already_opened', message: '已督办' } }),
    })
    await mount(ReviewPanel, { caseId: 5 })
    confirm.mockRejectedValueOnce('cancel')
    q('case-review-act-screened_before_hire')!.click()
    await settle()
    expect(posts()).toHaveLength(0)

    reviewed = review()
    reviewed.checks[2] = { ...reviewed.checks[2], action_id: 60 }
    confirm.mockResolvedValueOnce('confirm')
    q('case-review-act-screened_before_hire')!.click()
    await settle()
    expect(posts()).toHaveLength(1)
    expect(lastCall()).toMatchObject({ url: '/api/v1/cases/5/review', method: 'GET' })
    expect(q('case-review-action-screened_before_hire')?.getAttribute('href')).toBe('/supervision/60')
    expect(message).toHaveBeenCalledWith(expect.objectContaining({ type: 'info' }))
  })

  it('the office review page reads the review only, by case number, and says when the case is not there', async () => {
    useAuthStore().setMe(OFFICE)
    serve({ 'GET /api/v1/cases/9/review': () => fakeResponse(404, { error: { code: 'not_found', message: '案件不存在' } }) })
    const router = await mount(ReviewPage, {}, '/cases/9/review')
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/cases/9/review']) // never GET /cases/9
    expect(q('case-review-problem')?.textContent).toContain('不在您的管辖范围')
    expect(q('case-review-back')).toBeNull() // no case page for the office
    typeInto('case-review-lookup-id', '#12')
    await settle()
    q('case-review-lookup-go')!.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/cases/12/review')
  })
})

describe('the case page', () => {
  it('shows the masked case and its timeline; 下一阶段 posts the stage and shows the server refusal', async () => {
    serve({
      'GET /api/v1/cases/5/review': () => fakeResponse(200, review()),
      'GET /api/v1/cases/5': () => fakeResponse(200, kase()),
      'POST /api/v1/cases/5/stages': (body) =>
        (body as { date: string }).date === '2026-01-01'
          ? fakeResponse(400, { error: { code: 'date_before_previous', message: '阶段日期不能早于上一阶段', field: 'date' } })
          : fakeResponse(200, kase({ stage: 'investigating', stage_label: '侦查', stages: [...kase().stages, { stage: 'investigating', label: '侦查', date: '2026-01-10', convicted: null, court: null, recorded_at: 3 }] })),
    })
    await mount(CaseDetail, {}, '/cases/5')
    expect(q('case-page')).not.toBeNull()
    expect(q('case-crime')?.textContent).toBe('猥亵儿童罪')
    expect(q('case-victim-name-masked')?.textContent).toBe('王**')
    expect(document.body.textContent).not.toContain('王小花')
    expect(q('case-stage-accepted')?.dataset.state).toBe('done')
    expect(q('case-stage-filed')?.dataset.state).toBe('current')
    expect(q('case-stage-judged')?.dataset.state).toBe('todo')
    expect(q('case-review')).not.toBeNull()
    expect(q('case-evidence-3')?.textContent).toContain('女性社工')

    q('case-stage-add')!.click()
    await settle()
    expect(q('case-stage-option-investigating')).not.toBeNull()
    expect(q('case-stage-option-withdrawn')).not.toBeNull()
    expect(q('case-stage-option-judged')).toBeNull() // not after 立案
    q('case-stage-option-investigating')!.click()
    typeInto('case-stage-date', '2026-01-01')
    await settle()
    q('case-stage-save')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/stages', method: 'POST', body: { stage: 'investigating', date: '2026-01-01' } })
    expect(q('case-stage-error')?.textContent).toBe('阶段日期不能早于上一阶段')

    typeInto('case-stage-date', '2026-01-10')
    await settle()
    q('case-stage-save')!.click()
    await settle()
    expect(lastCall().body).toEqual({ stage: 'investigating', date: '2026-01-10' })
    expect(q('case-stage-investigating')?.dataset.state).toBe('current')
  })

  it('the stage dialog refuses a judgment without a verdict, then sends the court with a conviction', async () => {
    const saved = vi.fn()
    serve({ 'POST /api/v1/cases/5/stages': () => fakeResponse(200, kase({ stage: 'judged' })) })
    await mount(StageDialog, { caseId: 5, current: 'prosecuting', modelValue: true, onSaved: saved })
    expect(q('case-stage-option-judged')?.getAttribute('aria-checked')).toBe('true') // the only choice
    q('case-stage-save')!.click()
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(q('case-stage-error')?.textContent).toBe('请选择判决结果')
    ;(q('case-stage-convicted-yes')!.querySelector('input') as HTMLInputElement).click()
    await settle()
    typeInto('case-stage-court', '某县人民法院')
    await settle()
    q('case-stage-save')!.click()
    await settle()
    const body = lastCall().body as Record<string, unknown>
    expect(body).toMatchObject({ stage: 'judged', convicted: true, court: '某县人民法院' })
    expect(Object.keys(body).sort()).toEqual(['convicted', 'court', 'date', 'stage'])
    expect(saved).toHaveBeenCalled()
  })

  it('asks a reason before revealing; cancelled or empty, nothing is asked of the server', async () => {
    prompt.mockRejectedValueOnce('cancel')
    expect(await revealCaseIdentity(5, t)).toBeNull()
    prompt.mockResolvedValueOnce({ value: '  ' })
    expect(await revealCaseIdentity(5, t)).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()

    serve({
      'GET /api/v1/cases/5/review': () => fakeResponse(200, review()),
      'GET /api/v1/cases/5': () => fakeResponse(200, kase()),
      'POST /api/v1/cases/5/reveal': () =>
        fakeResponse(200, kase({ revealed: true, victim: { ...kase().victim, name: '王小花', id_number: '110101201503030024', birth_date: '2015-03-03' }, narrative: '被害人称……' })),
    })
    await mount(CaseDetail, {}, '/cases/5')
    prompt.mockResolvedValueOnce({ value: ' 制作法律援助申请材料 ' })
    q('case-reveal')!.click()
    await settle()
    expect(prompt).toHaveBeenCalledTimes(3)
    expect(prompt.mock.calls[2][2].inputValidator('')).toBe('请填写查看事由')
    expect(lastCall()).toEqual({ url: '/api/v1/cases/5/reveal', method: 'POST', body: { reason: '制作法律援助申请材料' } })
    expect(q('case-reveal-victim-name')?.textContent).toBe('王小花')
    expect(q('case-reveal-victim-id')?.textContent).toBe('110101201503030024')
    // the page itself stays masked
    expect(q('case-victim-name-masked')?.textContent).toBe('王**')
  })

  it('has no update buttons without cases:case:update and no review panel without cases:review:read', async () => {
    useAuthStore().setMe(makeMe({ permissions: ['cases:case:read'] }))
    serve({ 'GET /api/v1/cases/5': () => fakeResponse(200, kase()) })
    await mount(CaseDetail, {}, '/cases/5')
    expect(q('case-page')).not.toBeNull()
    expect(q('case-stage-add')).toBeNull()
    expect(q('case-reveal')).toBeNull()
    expect(q('case-suspect-edit')).toBeNull()
    expect(q('case-review')).toBeNull()
    expect(calls().map((c) => c.url)).toEqual(['/api/v1/cases/5'])
  })
})

describe('opening a case from a report', () => {
  it('enables 立案 for cases:case:create once the outcome is criminal, and opens the dialog', async () => {
    serve({ 'GET /api/v1/reports/7': () => fakeResponse(200, report()), 'GET /api/v1/units': () => fakeResponse(200, { items: [], total: 0 }) })
    await mount(ReportDetail, {}, '/reports/7')
    const btn = q('report-open-case') as HTMLButtonElement
    expect(btn.disabled).toBe(false)
    btn.click()
    await settle()
    expect(q('case-dialog')).not.toBeNull()
    const name = q('case-victim-name')!
    expect(((name.matches('input') ? name : name.querySelector('input')) as HTMLInputElement).value).toBe('王小花')
  })

  it('keeps 立案 disabled before a criminal or administrative outcome', async () => {
    serve({ 'GET /api/v1/reports/7': () => fakeResponse(200, report({ status: 'accepted', outcome: null })) })
    await mount(ReportDetail, {}, '/reports/7')
    expect((q('report-open-case') as HTMLButtonElement).disabled).toBe(true)
  })

  it('the dialog refuses without a crime type, then posts the case with report_id and opens its page', async () => {
    let dialog: { form: { crime_type: string } } | null = null
    serve({
      'GET /api/v1/units': () => fakeResponse(200, { items: [{ id: 20, parent_id: 1, name: '青石村', kind: 'village', code: 'QS', aliases: [] }], total: 1 }),
      'POST /api/v1/cases': () => fakeResponse(201, kase({ id: 31, stage: 'accepted' })),
    })
    const router = await mount(CaseDialog, { report: report(), modelValue: true, ref: (el: unknown) => (dialog = el as typeof dialog) })
    q('case-save')!.click()
    await settle()
    expect(posts()).toHaveLength(0)
    expect(q('case-error')?.textContent).toContain('请按提示补充')
    expect(document.body.textContent).toContain('请选择罪名')

    dialog!.form.crime_type = 'child_molestation'
    typeInto('case-suspect-name', '张某')
    await settle()
    q('case-save')!.click()
    await settle()
    expect(posts()).toHaveLength(1)
    expect(lastCall().url).toBe('/api/v1/cases')
    expect(lastCall().body).toMatchObject({
      report_id: 7,
      crime_type: 'child_molestation',
      victim: { sex: 'F', name: '王小花', age: 11 },
      suspect: { relation: 'unknown', name: '张某' },
    })
    expect(router.currentRoute.value.path).toBe('/cases/31')
  })

  it('on 409 report_linked shows the refusal and the case that holds the report', async () => {
    let dialog: { form: { crime_type: string } } | null = null
    serve({
      'GET /api/v1/units': () => fakeResponse(200, { items: [], total: 0 }),
      'POST /api/v1/cases': () => fakeResponse(409, { error: { code: 'report_linked', message: '该报告已关联案件' } }),
      'GET /api/v1/cases': () => fakeResponse(200, { items: [kase({ id: 4, report_ids: [7] })] }),
    })
    await mount(CaseDialog, { report: report(), modelValue: true, ref: (el: unknown) => (dialog = el as typeof dialog) })
    dialog!.form.crime_type = 'rape'
    q('case-save')!.click()
    await settle()
    expect(q('case-error')?.textContent).toContain('该报告已关联案件')
    expect(q('case-linked')?.getAttribute('href')).toBe('/cases/4')
  })
})

describe('the list and the support items', () => {
  it('lists the cases masked, filters them, and offers 新建案件 with cases:case:create', async () => {
    serve({ 'GET /api/v1/cases': () => fakeResponse(200, { items: [kase(), kase({ id: 6, crime_type: 'rape', crime_type_label: '强奸罪', stage: 'accepted' })] }) })
    const router = await mount(CasesList, {}, '/cases')
    expect(q('cases-list')).not.toBeNull()
    expect(q('case-row-5')?.textContent).toContain('王**')
    expect(q('case-row-6')?.textContent).toContain('强奸罪')
    expect(q('cases-new')).not.toBeNull()
    typeInto('cases-filter-q', '#6')
    await settle()
    expect(q('case-row-5')).toBeNull()
    q('case-row-6')!.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/cases/6')
  })

  it('the judicial office sees its items without a case link and closes one with a note', async () => {
    useAuthStore().setMe(JUDICIAL)
    serve({
      'GET /api/v1/case-support-items': () => fakeResponse(200, { items: [support(), support({ id: 12, status: 'closed', close_note: '已完成', closed_at: 2_000 })] }),
      'POST /api/v1/case-support-items/11/close': () => fakeResponse(200, support({ status: 'closed', close_note: '已指派律师', closed_at: 3_000 })),
    })
    await mount(SupportPage, {}, '/cases/support')
    expect(q('support-list')).not.toBeNull()
    expect(q('support-item-11')?.textContent).toContain('猥亵儿童罪')
    expect(q('support-item-12')).toBeNull() // open ones first
    expect(q('support-item-11')?.querySelector('a')).toBeNull() // no case page for the judicial office
    prompt.mockRejectedValueOnce('cancel')
    q('support-close-11')!.click()
    await settle()
    expect(posts()).toHaveLength(0)
    prompt.mockResolvedValueOnce({ value: ' 已指派律师 ' })
    q('support-close-11')!.click()
    await settle()
    expect(prompt.mock.calls[1][2].inputValidator(' ')).toBe('请写明办结情况')
    expect(lastCall()).toEqual({ url: '/api/v1/case-support-items/11/close', method: 'POST', body: { note: '已指派律师' } })
    expect(q('support-close-11')).toBeNull()
  })
})

describe('the to-do', () => {
  it('lists the open support items, each to 救助帮扶', async () => {
    await mount(SupportTodo, { support: { open: 1, items: [support()] } })
    expect(q('todo-case-support-open')?.textContent).toBe('待办结 1')
    expect(q('todo-support-11')?.textContent).toContain('法律援助')
    expect(q('todo-support-11')?.querySelector('a')?.getAttribute('href')).toBe('/cases/support')
  })
})

describe('menu per role', () => {
  const ROLE_PERMS: Record<string, string[]> = {
    police: POLICE_PERMS,
    coordinator: OFFICE_PERMS,
    judicial: JUDICIAL_PERMS,
    village: VILLAGE_PERMS,
    leader: LEADER_PERMS,
  }
  const menu = (role: string) => buildMenu(layoutChildren, (p) => ROLE_PERMS[role].includes(p)).map((i) => i.path)
  const casePages = (role: string) => menu(role).filter((p) => p.startsWith('/cases'))

  it('police see 案件办理, 救助帮扶 and 案件统计', () => {
    expect(casePages('police')).toEqual(['/cases', '/cases/support', '/cases/stats'])
  })
  it('the judicial office sees 救助帮扶 only', () => {
    expect(casePages('judicial')).toEqual(['/cases/support'])
  })
  it('the office sees 案件统计 and 案件倒查, leaders 案件统计 only; a village never sees anything of cases', () => {
    expect(casePages('coordinator')).toEqual(['/cases/stats', '/cases/reviews'])
    expect(casePages('leader')).toEqual(['/cases/stats'])
    expect(casePages('village')).toEqual([])
  })
  it('guards the pages by their permissions', () => {
    const meta = (name: string) => layoutChildren.find((r) => r.name === name)?.meta
    expect(meta('cases')).toMatchObject({ permission: 'cases:case:list', menu: true })
    expect(meta('case')).toMatchObject({ permission: 'cases:case:read', activeMenu: '/cases' })
    expect(meta('case-review')).toMatchObject({ permission: 'cases:review:read' })
    expect(meta('case-support')).toMatchObject({ permission: 'cases:support:list', menu: true })
    expect(meta('case-stats')).toMatchObject({ permission: 'cases:stats:read', menu: true })
    expect(meta('case-reviews')).toMatchObject({ permission: 'cases:review:read', menu: true, menuUnless: 'cases:case:list' })
  })
})
