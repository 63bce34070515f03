// 强制报告: the API mapping; the report form (a situation is required, a discovery in the future is refused,
// the body sent, the receipt shown big, attachments uploaded to the receipt's route, the visit's preset); the
// police's outcome (reason required for closed / transferred) and reporter reveal (a reason asked first); the
// office's escalation; "<5" counts in the figures; the to-do section; the menu per role.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, type App, type Component } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { FakeXhr, fakeResponse, makeMe } from './helpers'

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
import { useOutboxStore } from '@/stores/outbox'
import { layoutChildren } from '@/router/routes'
import { buildMenu } from '@/router/menu'
import {
  acceptReport,
  escalateReport,
  getReportReceipt,
  listReports,
  recordReportFiling,
  recordReportOutcome,
  submitReport,
  uploadReportAttachment,
  type Report,
  type ReportClock,
  type ReportOverdueLine,
  type ReportStats,
  type ReportSummary,
} from '@/api/reports'
import {
  anySuppressed,
  attachmentProblem,
  countBarOption,
  countPoint,
  emptyReportForm,
  escalatableSteps,
  monthPoints,
  outcomeError,
  reportOfferLocation,
  toReportInput,
  triggerPoints,
  validateReportForm,
} from '@/views/reports/data'
import { fromBeijingInput, toBeijingInput } from '@/views/visits/data'
import { revealReasonCheck, revealReporter } from '@/views/reports/reveal'
import NewReport from '@/views/reports/new.vue'
import OutcomeDialog from '@/views/reports/OutcomeDialog.vue'
import ReportDetail from '@/views/reports/detail.vue'
import OverduePage from '@/views/reports/overdue.vue'
import ReceiptsPage from '@/views/reports/receipts.vue'
import ReportOfferDialog from '@/views/visits/ReportOfferDialog.vue'
import ReportTodo from '@/views/todo/ReportTodo.vue'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})
const fetchMock = vi.fn()

const SCHOOL = makeMe({
  id: 21,
  username: 'school',
  unit: { id: 7, name: '五团中学', kind: 'school' },
  roles: [{ id: 3, role: 'school', label: '学校', scope: 'own_unit', unit_ids: [] }],
  permissions: ['org:unit:list', 'plan:campaign:list', 'reports:report:create'],
})
const POLICE = makeMe({
  id: 30,
  username: 'police',
  unit: { id: 3, name: '五团镇派出所', kind: 'police_station' },
  roles: [{ id: 4, role: 'police', label: '派出所民警', scope: 'township', unit_ids: [] }],
  permissions: ['org:unit:list', 'reports:report:handle', 'reports:reporter:read', 'reports:overdue:list', 'reports:stats:read'],
})
const OFFICE = makeMe({
  id: 2,
  username: 'coordinator',
  permissions: ['org:unit:list', 'reports:report:create', 'reports:overdue:list', 'reports:report:escalate', 'reports:stats:read'],
})

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(SCHOOL)
  fetchMock.mockReset()
  message.mockReset()
  message.success.mockReset()
  message.warning.mockReset()
  prompt.mockReset()
  confirm.mockReset()
  FakeXhr.last = null
  FakeXhr.next = { status: 201, body: '{"id":1,"filename":"a.png","content_type":"image/png","size":3,"created_at":1}' }
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
})

function calls(): { url: string; method: string; body: unknown }[] {
  return (fetchMock.mock.calls as [string, RequestInit][]).map(([url, init]) => ({
    url,
    method: init.method ?? 'GET',
    body: init.body ? JSON.parse(String(init.body)) : undefined,
  }))
}
const lastCall = () => calls()[calls().length - 1]

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

function clock(over: Partial<ReportClock> = {}): ReportClock {
  const step = { due_at: null, done_at: null, overdue: false, late: false }
  return { late_report: false, late_report_hours: 24, accept: { ...step, due_at: 2_000 }, feedback: step, outcome: step, overdue: false, ...over }
}
function summary(over: Partial<ReportSummary> = {}): ReportSummary {
  return {
    id: 5,
    unit: { id: 7, name: '五团中学' },
    unit_category: 'school',
    station: { id: 3, name: '五团镇派出所' },
    trigger: 4,
    trigger_label: '身体存在多处损伤……',
    discovered_at: 1_000,
    reported_at: 1_500,
    late: false,
    status: 'received',
    outcome: null,
    filed_at: null,
    filed_department: null,
    attachment_count: 1,
    child: { name: '张*', sex: 'M', age: 12 },
    clock: clock(),
    ...over,
  }
}
function report(over: Partial<Report> = {}): Report {
  return {
    ...summary(),
    child: { name: '张小明', sex: 'M', age: 12, details: '初一（2）班' },
    seen: '小腿多处淤青',
    suspect: '',
    attachments: [{ id: 9, filename: 'leg.jpg', content_type: 'image/jpeg', size: 2048, created_at: 1_600 }],
    events: [{ kind: 'created', detail: '', note: null, at: 1_500 }],
    escalations: [],
    reporter: { name: '***', hidden: true },
    ...over,
  }
}
const RECEIPT = {
  id: 5,
  receipt_code: 'AB12CD34EF56',
  status: 'received',
  outcome: null,
  reported_at: 1_500,
  late: false,
  accepted_at: null,
  feedback_at: null,
  outcome_at: null,
  filed_at: null,
  filed_department: null,
}

describe('reports API mapping', () => {
  it('submits the report silently and reads a receipt by its code', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, RECEIPT))
    const out = await submitReport({ trigger: 4, seen: '淤青', discovered_at: 1000 })
    expect(lastCall()).toEqual({ url: '/api/v1/reports', method: 'POST', body: { trigger: 4, seen: '淤青', discovered_at: 1000 } })
    expect(out.receipt_code).toBe('AB12CD34EF56')
    fetchMock.mockResolvedValue(fakeResponse(404, { error: { code: 'not_found', message: '不存在' } }))
    await expect(getReportReceipt(' ab12cd34ef56 ')).rejects.toMatchObject({ status: 404 })
    expect(lastCall().url).toBe('/api/v1/reports/receipts/ab12cd34ef56')
    expect(message).not.toHaveBeenCalled()
  })

  it('maps the police and office calls to their endpoints and bodies', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listReports({ status: 'received', overdue: true })
    expect(lastCall().url).toBe('/api/v1/reports?status=received&overdue=1')
    await listReports()
    expect(lastCall().url).toBe('/api/v1/reports')
    fetchMock.mockResolvedValue(fakeResponse(200, report()))
    await acceptReport(5, '  ')
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/accept', method: 'POST', body: {} })
    await recordReportOutcome(5, 'closed', ' 经查无侵害事实 ')
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/outcome', method: 'POST', body: { outcome: 'closed', reason: '经查无侵害事实' } })
    await recordReportOutcome(5, 'criminal')
    expect(lastCall().body).toEqual({ outcome: 'criminal' })
    await recordReportFiling('AB12CD34EF56', ' 县教育局 ')
    expect(lastCall()).toEqual({ url: '/api/v1/reports/receipts/AB12CD34EF56/filing', method: 'POST', body: { department: '县教育局' } })
    fetchMock.mockResolvedValue(fakeResponse(201, { step: 'accept', action_id: 4, created_at: 1 }))
    await escalateReport(5, 'accept')
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/escalate', method: 'POST', body: { step: 'accept' } })
  })

  it('uploads an attachment as the raw body to the receipt route, with its name, type and progress', async () => {
    const file = new File(['png'], '伤情.png', { type: 'image/png' })
    const progress = vi.fn()
    await uploadReportAttachment('AB12CD34EF56', file, '伤情.png', { onProgress: progress })
    const x = FakeXhr.last!
    expect(x.method).toBe('POST')
    expect(x.url).toBe(`/api/v1/reports/receipts/AB12CD34EF56/attachments?filename=${encodeURIComponent('伤情.png')}`)
    expect(x.body).toBe(file)
    expect(x.headers['Content-Type']).toBe('image/png')
    expect(x.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(progress).toHaveBeenCalledWith(3, 6)
  })
})

describe('the report form as data', () => {
  const NOW = Date.UTC(2026, 3, 10, 4, 0) // 12:00 in Beijing

  it('requires a situation and what was seen; nothing else', () => {
    const form = emptyReportForm(NOW)
    expect(form.trigger).toBeNull()
    const e = validateReportForm(form, t, NOW)
    expect(Object.keys(e).sort()).toEqual(['seen', 'trigger'])
    expect(e.trigger).toBe('请选择一种情形')
    form.trigger = 6
    form.seen = '孩子连续一周独自在家，无人做饭'
    expect(validateReportForm(form, t, NOW)).toEqual({})
  })

  it('refuses a discovery time in the future, accepts one in the past', () => {
    const form = { ...emptyReportForm(NOW), trigger: 9, seen: 'x' }
    form.discovered_at = toBeijingInput(NOW + 5 * 60_000)
    expect(validateReportForm(form, t, NOW).discovered_at).toBe('发现时间不能晚于现在')
    form.discovered_at = toBeijingInput(NOW - 3 * 3600_000)
    expect(validateReportForm(form, t, NOW).discovered_at).toBeUndefined()
    form.discovered_at = 'not a time'
    expect(validateReportForm(form, t, NOW).discovered_at).toBe('发现时间格式不正确')
  })

  it('checks the age and the server lengths', () => {
    const form = { ...emptyReportForm(NOW), trigger: 9, seen: 'x', child_age: '18' }
    expect(validateReportForm(form, t, NOW).child_age).toBe('年龄应为 0–17 周岁的整数')
    form.child_age = '12'
    form.child_name = '名'.repeat(51)
    expect(validateReportForm(form, t, NOW)).toEqual({ child_name: '不超过 50 字' })
  })

  it('builds the body: required fields, then only the optional ones filled in, trimmed', () => {
    const form = { ...emptyReportForm(NOW), trigger: 4, seen: '  小腿多处淤青  ', child_name: ' 张小明 ', child_sex: 'M' as const, child_age: '12', suspect: '  ' }
    expect(toReportInput(form)).toEqual({ trigger: 4, seen: '小腿多处淤青', discovered_at: fromBeijingInput(toBeijingInput(NOW)), child_name: '张小明', child_sex: 'M', child_age: 12 })
  })

  it('takes the preset of a visit: situation 9 and the visit time (a future time falls back to now)', () => {
    const visitAt = NOW - 2 * 3600_000
    const loc = reportOfferLocation({ visited_at: visitAt })
    expect(loc).toEqual({ path: '/reports/new', query: { trigger: '9', discovered_at: String(visitAt) } })
    expect(emptyReportForm(NOW, { trigger: 9, discovered_at: visitAt })).toMatchObject({ trigger: 9, discovered_at: toBeijingInput(visitAt) })
    expect(emptyReportForm(NOW, { trigger: 12, discovered_at: NOW + 1 })).toMatchObject({ trigger: null, discovered_at: toBeijingInput(NOW) })
  })

  it('accepts photos and PDF up to 10 MB, at most 5', () => {
    expect(attachmentProblem({ type: 'image/jpeg', size: 1000 }, 0)).toBeNull()
    expect(attachmentProblem({ type: 'application/pdf', size: 1000 }, 4)).toBeNull()
    expect(attachmentProblem({ type: 'application/pdf', size: 1000 }, 5)).toBe('count')
    expect(attachmentProblem({ type: 'text/plain', size: 10 }, 0)).toBe('type')
    expect(attachmentProblem({ type: 'image/png', size: 11 * 1024 * 1024 }, 0)).toBe('size')
  })
})

describe('the report form, rendered', () => {
  it('refuses to send without a situation and what was seen, and says why', async () => {
    await mount(NewReport, {}, '/reports/new')
    expect(q('report-suspicion-enough')?.textContent).toContain('有怀疑就报告')
    q('report-submit')!.click()
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()
    const errs = [...document.querySelectorAll('.err')].map((e) => e.textContent)
    expect(errs).toEqual(['请选择一种情形', '请写下看到或听到的情况'])
    expect(q('report-form-error')?.textContent).toContain('请按提示补充后再报告')
  })

  it('blocks a discovery time in the future', async () => {
    await mount(NewReport, {}, '/reports/new')
    q('report-trigger-4')!.click()
    typeInto('report-seen', '小腿多处淤青')
    typeInto('report-discovered', toBeijingInput(Date.now() + 2 * 3600_000))
    await settle()
    q('report-submit')!.click()
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(document.querySelector('.bad .err')?.textContent).toBe('发现时间不能晚于现在')
  })

  it('sends the report, shows the receipt code big, then uploads the picked photo to the receipt', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, RECEIPT))
    await mount(NewReport, {}, '/reports/new')
    q('report-trigger-4')!.click()
    await settle()
    expect(q('report-trigger-4')!.getAttribute('aria-checked')).toBe('true')
    typeInto('report-seen', '  小腿多处淤青，自称被打 ')
    typeInto('report-child-name', '张小明')
    await settle()
    const picker = q('report-attachment-input') as HTMLInputElement
    const photo = new File(['png'], 'leg.png', { type: 'image/png' })
    Object.defineProperty(picker, 'files', { value: [photo], configurable: true })
    picker.dispatchEvent(new Event('change'))
    await settle()
    expect(document.querySelectorAll('[data-test="report-attachment"]')).toHaveLength(1)
    expect(FakeXhr.last).toBeNull() // nothing is uploaded before the report exists

    q('report-submit')!.click()
    await settle()
    const sent = calls()
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe('/api/v1/reports')
    expect(sent[0].body).toMatchObject({ trigger: 4, seen: '小腿多处淤青，自称被打', child_name: '张小明' })
    expect(Object.keys(sent[0].body as object).sort()).toEqual(['child_name', 'discovered_at', 'seen', 'trigger'])
    expect((sent[0].body as { discovered_at: number }).discovered_at).toBeLessThanOrEqual(Date.now())

    const code = q('report-receipt-code')!
    expect(code.dataset.code).toBe('AB12CD34EF56')
    expect(code.textContent?.replace(/\s/g, '')).toBe('AB12CD34EF56')
    expect(q('report-sent')?.textContent).toContain('派出所')
    expect(FakeXhr.last!.url).toBe('/api/v1/reports/receipts/AB12CD34EF56/attachments?filename=leg.png')
    expect(FakeXhr.last!.body).toBe(photo)
    expect(q('report-upload-done')).not.toBeNull()
  })

  it('shows the server refusal beside its field and keeps the form', async () => {
    fetchMock.mockResolvedValue(fakeResponse(400, { error: { code: 'in_future', message: '发现时间不能晚于当前时间', field: 'discovered_at' } }))
    await mount(NewReport, {}, '/reports/new')
    q('report-trigger-1')!.click()
    typeInto('report-seen', 'x')
    await settle()
    q('report-submit')!.click()
    await settle()
    expect(q('report-receipt-code')).toBeNull()
    expect(document.querySelector('.bad .err')?.textContent).toBe('发现时间不能晚于当前时间')
  })

  it('preselects the situation and the discovery time given by the visit', async () => {
    const at = Date.now() - 3600_000
    await mount(NewReport, {}, `/reports/new?trigger=9&discovered_at=${at}`)
    expect(q('report-trigger-9')!.getAttribute('aria-checked')).toBe('true')
    expect((q('report-discovered') as HTMLInputElement).value).toBe(toBeijingInput(at))
  })
})

describe('receipts', () => {
  it('lists the unit receipts with status and late flag, and records a 备案 only with a department', async () => {
    fetchMock.mockResolvedValueOnce(fakeResponse(200, { items: [{ ...RECEIPT, late: true, status: 'accepted', accepted_at: 2_000 }] }))
    await mount(ReceiptsPage)
    const row = q('receipt-AB12CD34EF56')!
    expect(row.textContent).toContain('已受理')
    expect(q('receipt-late')).not.toBeNull()
    q('receipt-filing-AB12CD34EF56')!.click()
    await settle()
    q('receipt-filing-save')!.click()
    await settle()
    expect(calls()).toHaveLength(1)
    expect(q('receipt-filing-dialog')?.textContent).toContain('请填写备案部门')
    fetchMock.mockResolvedValueOnce(fakeResponse(200, { ...RECEIPT, status: 'accepted', filed_at: 3_000, filed_department: '县教育局' }))
    typeInto('receipt-filing-department', '县教育局')
    await settle()
    q('receipt-filing-save')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/reports/receipts/AB12CD34EF56/filing', method: 'POST', body: { department: '县教育局' } })
    expect(q('receipt-filed')?.textContent).toContain('县教育局')
    expect(q('receipt-filing-AB12CD34EF56')).toBeNull()
  })
})

describe('police: outcome and reporter', () => {
  it('requires a reason for closed and transferred, not for a criminal case', () => {
    expect(outcomeError(t, '', '')).toBe('请选择处理结论')
    expect(outcomeError(t, 'closed', '  ')).toBe('结案须说明理由')
    expect(outcomeError(t, 'transferred', '')).toBe('移送须写明移送去向')
    expect(outcomeError(t, 'criminal', '')).toBe('')
    expect(outcomeError(t, 'administrative', '')).toBe('')
  })

  it('the dialog sends nothing for 结案 without a reason, then sends the reason', async () => {
    useAuthStore().setMe(POLICE)
    const saved = vi.fn()
    await mount(OutcomeDialog, { reportId: 5, modelValue: true, onSaved: saved })
    q('report-outcome-closed')!.click()
    await settle()
    q('report-outcome-save')!.click()
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(q('report-outcome-error')?.textContent).toBe('结案须说明理由')
    fetchMock.mockResolvedValue(fakeResponse(200, report({ status: 'concluded', outcome: 'closed' })))
    typeInto('report-outcome-reason', '经核实系意外摔伤')
    await settle()
    q('report-outcome-save')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/outcome', method: 'POST', body: { outcome: 'closed', reason: '经核实系意外摔伤' } })
    expect(saved).toHaveBeenCalled()
  })

  it('asks a reason before reading the reporter; cancelled or empty, nothing is read', async () => {
    const check = revealReasonCheck(t)
    expect(check('  ')).toBe('请填写查看事由')
    expect(check('a'.repeat(201))).toBe('事由不超过 200 字')
    expect(check('核实情况')).toBe(true)

    prompt.mockRejectedValueOnce('cancel')
    expect(await revealReporter(5, t)).toBeNull()
    prompt.mockResolvedValueOnce({ value: '   ' })
    expect(await revealReporter(5, t)).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()

    fetchMock.mockResolvedValue(fakeResponse(200, { report_id: 5, user_id: 21, username: 'school', name: '李老师', phone: '138', unit: { id: 7, name: '五团中学' } }))
    prompt.mockResolvedValueOnce({ value: ' 需向报告人核实 ' })
    const who = await revealReporter(5, t)
    expect(prompt.mock.calls[2][2].inputValidator).toBeTypeOf('function')
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/reporter', method: 'POST', body: { reason: '需向报告人核实' } })
    expect(who?.name).toBe('李老师')
  })

  it('the detail page accepts a received report, reveals the reporter in a dialog; no 立案 without cases:case:create', async () => {
    useAuthStore().setMe(POLICE)
    fetchMock.mockResolvedValueOnce(fakeResponse(200, report()))
    await mount(ReportDetail, {}, '/reports/5')
    expect(calls()[0].url).toBe('/api/v1/reports/5')
    expect(q('report-seen-text')?.textContent).toBe('小腿多处淤青')
    expect(q('report-attachment-9')?.getAttribute('href')).toBe('/api/v1/report-attachments/9')
    expect(q('report-open-case')).toBeNull() // 立案 is cases:case:create (cases.spec.ts)
    expect(q('report-outcome')).toBeNull() // not before acceptance

    prompt.mockResolvedValueOnce({ value: '' })
    fetchMock.mockResolvedValueOnce(fakeResponse(200, report({ status: 'accepted', clock: clock({ accept: { due_at: 2_000, done_at: 1_800, overdue: false, late: false } }) })))
    q('report-accept')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/accept', method: 'POST', body: {} })
    expect(q('report-accept')).toBeNull()
    expect(q('report-outcome')).not.toBeNull()
    expect(q('report-feedback')).not.toBeNull()

    prompt.mockResolvedValueOnce({ value: '核实情况' })
    fetchMock.mockResolvedValueOnce(fakeResponse(200, { report_id: 5, user_id: 21, username: 'school', name: '李老师', phone: '', unit: { id: 7, name: '五团中学' } }))
    q('report-reveal-reporter')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/reports/5/reporter', method: 'POST', body: { reason: '核实情况' } })
    expect(q('report-reporter-name')?.textContent).toBe('李老师')
  })
})

describe('office: overdue and escalation', () => {
  const line = (over: Partial<ReportOverdueLine> = {}): ReportOverdueLine => ({
    id: 3,
    station: { id: 3, name: '五团镇派出所' },
    status: 'received',
    reported_at: 1_000,
    clock: clock({ accept: { due_at: 2_000, done_at: null, overdue: true, late: false }, overdue: true }),
    escalations: [],
    proposals: ['accept'],
    ...over,
  })

  it('offers the overdue steps not yet escalated', () => {
    expect(escalatableSteps(line())).toEqual(['accept'])
    expect(escalatableSteps(line({ escalations: [{ step: 'accept', action_id: 4, created_at: 1 }], proposals: [] }))).toEqual([])
  })

  it('escalates a step after confirmation and shows the opened action; no button without the permission', async () => {
    useAuthStore().setMe(OFFICE)
    fetchMock.mockResolvedValueOnce(fakeResponse(200, { items: [line()] }))
    await mount(OverduePage)
    expect(q('overdue-3')?.querySelector('[data-overdue="1"]')).not.toBeNull()
    confirm.mockResolvedValueOnce('confirm')
    fetchMock.mockResolvedValueOnce(fakeResponse(201, { step: 'accept', action_id: 44, created_at: 5 }))
    q('overdue-escalate-3-accept')!.click()
    await settle()
    expect(lastCall()).toEqual({ url: '/api/v1/reports/3/escalate', method: 'POST', body: { step: 'accept' } })
    expect(q('overdue-action-3-accept')?.getAttribute('href')).toBe('/supervision/44')
    expect(q('overdue-escalate-3-accept')).toBeNull()
  })

  it('shows the police the overdue lines without the escalate button', async () => {
    useAuthStore().setMe(POLICE)
    fetchMock.mockResolvedValueOnce(fakeResponse(200, { items: [line()] }))
    await mount(OverduePage)
    expect(q('overdue-3')).not.toBeNull()
    expect(q('overdue-escalate-3-accept')).toBeNull()
  })
})

describe('figures: "<5" counts', () => {
  const stats: ReportStats = {
    suppressed_below: 5,
    total: 12,
    by_trigger: { '1': 0, '2': '<5', '3': 0, '4': 8, '5': 0, '6': '<5', '7': 0, '8': 0, '9': 0 },
    by_unit_category: { village: '<5', school: 9, kindergarten: 0, training: 0, medical: 0, welfare: 0, hotel: 0, state_organ: 0, other: 0 },
    by_month: { '2026-03': 7, '2026-01': '<5' },
    timeliness: {
      reported_in_time: { numerator: 10, denominator: 12, percent: 83.3 },
      accepted_in_time: { numerator: '<5', denominator: '<5', percent: null },
      feedback_in_time: { numerator: 0, denominator: 0, percent: null },
    },
  }

  it('plots "<5" as 0 and labels it "<5"; numbers stay numbers', () => {
    expect(countPoint('x', '<5')).toEqual({ label: 'x', value: 0, text: '<5', suppressed: true })
    expect(countPoint('x', 7)).toEqual({ label: 'x', value: 7, text: '7', suppressed: false })
    expect(countPoint('x', 0)).toEqual({ label: 'x', value: 0, text: '0', suppressed: false })
    const points = triggerPoints(t, stats)
    expect(points).toHaveLength(9)
    expect(points[1]).toMatchObject({ value: 0, text: '<5', suppressed: true })
    expect(points[3]).toMatchObject({ value: 8, text: '8' })
    expect(monthPoints(stats).map((p) => [p.label, p.text])).toEqual([
      ['2026-01', '<5'],
      ['2026-03', '7'],
    ])
    expect(anySuppressed(stats)).toBe(true)
    expect(anySuppressed({ ...stats, by_trigger: {}, by_unit_category: {}, by_month: {}, timeliness: { ...stats.timeliness, accepted_in_time: { numerator: 1, denominator: 2, percent: 50 } } })).toBe(false)
  })

  it('builds a chart whose data are numbers and whose labels show "<5"', () => {
    const option = countBarOption(monthPoints(stats), { color: '#000' }) as {
      series: { data: { value: number; label: { formatter: string } }[] }[]
      tooltip: { formatter: (p: { dataIndex: number }[]) => string }
    }
    expect(option.series[0].data).toEqual([
      { value: 0, label: { formatter: '<5' } },
      { value: 7, label: { formatter: '7' } },
    ])
    expect(option.series[0].data.every((d) => typeof d.value === 'number')).toBe(true)
    expect(option.tooltip.formatter([{ dataIndex: 0 }])).toBe('2026-01：<5')
  })
})

describe('the visit offer and the to-do', () => {
  it('enables 发起强制报告 for a reporter and opens the form with situation 9 and the visit time', async () => {
    useAuthStore().setMe(makeMe({ permissions: ['children:visit:create', 'reports:report:create'] }))
    useOutboxStore().reportOffer = { id: 1, visited_at: 1_700_000_000_000 } as never
    const router = await mount(ReportOfferDialog)
    const btn = q('report-start') as HTMLButtonElement
    expect(btn.disabled).toBe(false)
    btn.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/reports/new')
    expect(router.currentRoute.value.query).toEqual({ trigger: '9', discovered_at: '1700000000000' })
    expect(useOutboxStore().reportOffer).toBeNull()
  })

  it('has no report button for a user who may not report', async () => {
    useAuthStore().setMe(makeMe({ permissions: ['children:visit:create'] }))
    useOutboxStore().reportOffer = { id: 1, visited_at: 1 } as never
    await mount(ReportOfferDialog)
    expect(q('report-offer')).not.toBeNull()
    expect(q('report-start')).toBeNull()
  })

  it('lists the police reports (to the report) and the office lines (to 超时督办)', async () => {
    const overdueClock = clock({ accept: { due_at: 2_000, done_at: null, overdue: true, late: false }, overdue: true })
    await mount(ReportTodo, {
      reports: {
        unaccepted: 1,
        overdue: 1,
        items: [
          summary({ id: 5, clock: overdueClock }),
          { id: 6, station: { id: 3, name: '五团镇派出所' }, status: 'accepted', reported_at: 1, clock: overdueClock, escalations: [], proposals: ['accept'] },
        ],
      },
    })
    expect(q('todo-reports-unaccepted')?.textContent).toBe('待受理 1')
    expect(q('todo-report-5')?.querySelector('a')?.getAttribute('href')).toBe('/reports/5')
    expect(q('todo-report-6')?.querySelector('a')?.getAttribute('href')).toBe('/reports/overdue')
    expect(q('todo-report-6')?.textContent).toContain('已超时')
  })
})

describe('menu per role', () => {
  // The roles' reports permissions as granted (server/src/security/permissions.cpp).
  const ROLE_PERMS: Record<string, string[]> = {
    school: ['org:unit:list', 'plan:campaign:list', 'screening:check:list', 'children:child:list', 'reports:report:create'],
    village: ['org:unit:list', 'plan:campaign:list', 'children:child:list', 'children:visit:list', 'reports:report:create'],
    police: ['org:unit:list', 'plan:campaign:list', 'reports:report:handle', 'reports:reporter:read', 'reports:overdue:list', 'reports:stats:read'],
    coordinator: ['org:unit:list', 'plan:campaign:list', 'reports:report:create', 'reports:overdue:list', 'reports:report:escalate', 'reports:stats:read'],
    leader: ['org:unit:list', 'plan:campaign:list', 'reports:stats:read'],
  }
  const menu = (role: string) => buildMenu(layoutChildren, (p) => ROLE_PERMS[role].includes(p)).map((i) => i.path)

  it('school sees 强制报告 and 回执 but not 报告处置', () => {
    expect(menu('school')).toEqual(expect.arrayContaining(['/reports/new', '/reports/receipts']))
    expect(menu('school')).not.toContain('/reports')
    expect(menu('school')).not.toContain('/reports/overdue')
  })
  it('police see 报告处置 but not 强制报告', () => {
    expect(menu('police')).toEqual(expect.arrayContaining(['/reports', '/reports/overdue', '/reports/stats']))
    expect(menu('police')).not.toContain('/reports/new')
    expect(menu('police')).not.toContain('/reports/receipts')
  })
  it('a village never sees the figures; the office and leaders do', () => {
    expect(menu('village')).not.toContain('/reports/stats')
    expect(menu('village')).toContain('/reports/new')
    expect(menu('coordinator')).toEqual(expect.arrayContaining(['/reports/new', '/reports/overdue', '/reports/stats']))
    expect(menu('leader')).toContain('/reports/stats')
    expect(menu('leader')).not.toContain('/reports/new')
  })
  it('guards the detail page by reports:report:handle', () => {
    const detail = layoutChildren.find((r) => r.name === 'report')
    expect(detail?.meta).toMatchObject({ permission: 'reports:report:handle', activeMenu: '/reports' })
  })
})
