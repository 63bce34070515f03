// 从业查询: the API mapping (one person, the sheet's query, official results, reviews, alerts), the status
// tags in Chinese, the consent gate of both dialogs, the sheet's per-row results, the 429 refusal, and the
// police's review decisions (confirm / clear call their endpoint and the row leaves the list).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, ref } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { FakeXhr, fakeResponse, makeMe } from './helpers'
import { input, q, settle, type, useMount } from './dom'

const { message, prompt } = vi.hoisted(() => ({ message: vi.fn(), prompt: vi.fn() }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: { prompt, confirm: vi.fn() } }))

import { i18n } from '@/locales'
import { ApiError } from '@/api/request'
import {
  checkPerson,
  checkSheet,
  closeScreeningAlert,
  decideScreeningReview,
  getScreeningCoverage,
  listScreeningPersons,
  recordOfficialCheck,
  sheetQuery,
  type ScreeningCoverage,
  type ScreeningReview,
} from '@/api/screening'
import { useAuthStore } from '@/stores/auth'
import { checkableUnits, coveragePercent, coverageSeries, refusalMessage, screeningStatusKey, screeningTagType, statusCounts } from '@/utils/screening'
import { checkPayload, checkSubmittable, emptyCheckForm } from '@/views/screening/data'
import CheckDialog from '@/views/screening/CheckDialog.vue'
import SheetDialog from '@/views/screening/SheetDialog.vue'
import ReviewsPage from '@/views/screening/reviews.vue'
import StatusTag from '@/views/screening/StatusTag.vue'
import { installElement } from '@/plugins/element'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})
const fetchMock = vi.fn()

beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().setMe(
    makeMe({
      username: 'school',
      unit: { id: 7, name: '五团中学', kind: 'school' },
      roles: [{ id: 3, role: 'school', label: '学校', scope: 'own_unit', unit_ids: [] }],
      permissions: ['screening:check:create', 'screening:check:list'],
    }),
  )
  fetchMock.mockReset()
  message.mockReset()
  prompt.mockReset()
  Object.assign(message, { success: vi.fn(), warning: vi.fn() })
  FakeXhr.last = null
  FakeXhr.next = { status: 200, body: '{"items":[]}' }
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
})

function lastCall(): { url: string; method: string; body: unknown } {
  const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1] as [string, RequestInit]
  return { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined }
}

describe('screening API mapping', () => {
  it('posts one check with consent_confirmed and the unit, silently (the dialog shows refusals)', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, { row: 1, name: '张三', status: 'clear' }))
    const out = await checkPerson({ unit_id: 7, name: '张三', id_number: '110101199003071234', hired: true, consent_confirmed: true })
    expect(lastCall()).toEqual({
      url: '/api/v1/screening/checks',
      method: 'POST',
      body: { unit_id: 7, name: '张三', id_number: '110101199003071234', hired: true, consent_confirmed: true },
    })
    expect(out.status).toBe('clear')
    fetchMock.mockResolvedValue(fakeResponse(400, { error: { code: 'consent_required', message: '须确认已取得被查询人的书面同意', field: 'consent_confirmed' } }))
    await expect(checkPerson({ name: '甲', id_number: 'x', consent_confirmed: false })).rejects.toBeInstanceOf(ApiError)
    expect(message).not.toHaveBeenCalled()
  })

  it('builds the sheet query: consent and hired as 0/1, the file name, the unit only when chosen', () => {
    expect(sheetQuery({ name: '教职工.xlsx' }, { unit_id: 9, hired: false, consent_confirmed: true })).toEqual({
      consent_confirmed: 1,
      hired: 0,
      filename: '教职工.xlsx',
      unit_id: 9,
    })
    expect(sheetQuery({ name: 'a.csv' }, { unit_id: null, hired: true, consent_confirmed: true }).unit_id).toBeUndefined()
  })

  it('PUTs the sheet as the raw body to /screening/checks/sheet with that query and the sheet media type', async () => {
    FakeXhr.next = { status: 200, body: JSON.stringify({ items: [{ row: 2, name: '张三', status: 'hit' }] }) }
    const file = new File(['姓名,身份证号,岗位\n'], 'staff.csv', { type: 'text/csv' })
    const res = await checkSheet(file, { unit_id: 12, hired: true, consent_confirmed: true })
    const x = FakeXhr.last!
    expect(x.method).toBe('PUT')
    expect(x.url).toBe('/api/v1/screening/checks/sheet?consent_confirmed=1&hired=1&filename=staff.csv&unit_id=12')
    expect(x.body).toBe(file)
    expect(x.headers['Content-Type']).toBe('text/csv')
    expect(x.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(res.items[0]).toEqual({ row: 2, name: '张三', status: 'hit' })
  })

  it('lists persons of a unit, records an official result, reads the coverage', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listScreeningPersons(12)
    expect(lastCall().url).toBe('/api/v1/screening/persons?unit_id=12')
    await listScreeningPersons(null)
    expect(lastCall().url).toBe('/api/v1/screening/persons')
    fetchMock.mockResolvedValue(fakeResponse(201, { id: 1 }))
    await recordOfficialCheck(5, { channel: '教育局', date: '2026-03-01', reference: '教查〔2026〕12号', outcome: '未发现' })
    expect(lastCall()).toEqual({
      url: '/api/v1/screening/persons/5/official',
      method: 'POST',
      body: { channel: '教育局', date: '2026-03-01', reference: '教查〔2026〕12号', outcome: '未发现' },
    })
    fetchMock.mockResolvedValue(fakeResponse(200, { due_date: '2026-09-30', units: [], total: {} }))
    await getScreeningCoverage()
    expect(lastCall().url).toBe('/api/v1/screening/coverage')
  })

  it('decides a review and closes an alert at their endpoints, the note only when given', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, {}))
    await decideScreeningReview(3, 'confirm', ' 经核实为同一人 ')
    expect(lastCall()).toEqual({ url: '/api/v1/screening/reviews/3', method: 'POST', body: { decision: 'confirm', note: '经核实为同一人' } })
    await decideScreeningReview(4, 'clear', '  ')
    expect(lastCall()).toEqual({ url: '/api/v1/screening/reviews/4', method: 'POST', body: { decision: 'clear' } })
    await closeScreeningAlert(8)
    expect(lastCall()).toEqual({ url: '/api/v1/screening/alerts/8/close', method: 'POST', body: {} })
  })
})

describe('status tags', () => {
  it('maps clear green, pending_review orange, hit red, invalid_id grey', () => {
    expect(screeningTagType('clear')).toBe('success')
    expect(screeningTagType('pending_review')).toBe('warning')
    expect(screeningTagType('hit')).toBe('danger')
    expect(screeningTagType('invalid_id')).toBe('info')
    expect(screeningTagType('something_new')).toBe('info')
  })
  it('labels them in Chinese', () => {
    expect(t(screeningStatusKey('clear'))).toBe('未发现记录')
    expect(t(screeningStatusKey('pending_review'))).toBe('待核实')
    expect(t(screeningStatusKey('hit'))).toBe('发现记录（不得录用/应解聘）')
    expect(t(screeningStatusKey('invalid_id'))).toBe('身份证号无效')
    expect(t(screeningStatusKey('other'))).toBe('状态未知')
  })
  it('renders the tag with its colour class', () => {
    const host = document.createElement('div')
    const app = createApp({ setup: () => () => h('div', [h(StatusTag, { status: 'hit' }), h(StatusTag, { status: 'clear' })]) })
    app.use(i18n)
    installElement(app)
    app.mount(host)
    const tags = host.querySelectorAll('.el-tag')
    expect(tags[0].className).toContain('el-tag--danger')
    expect(tags[0].textContent).toContain('发现记录（不得录用/应解聘）')
    expect(tags[1].className).toContain('el-tag--success')
    app.unmount()
  })
  it('counts a sheet by status', () => {
    expect(statusCounts([{ status: 'clear' }, { status: 'clear' }, { status: 'hit' }, { status: 'invalid_id' }])).toEqual({
      clear: 2,
      pending_review: 0,
      hit: 1,
      invalid_id: 1,
    })
  })
})

describe('coverage and units', () => {
  const coverage: ScreeningCoverage = {
    due_date: '2026-09-30',
    units: [
      { unit_id: 7, unit_name: '五团中学', staff: 10, checked_this_year: 6, due: 2, overdue: 1, never: 1 },
      { unit_id: 8, unit_name: '五团小学', staff: 0, checked_this_year: 0, due: 0, overdue: 0, never: 0 },
    ],
    total: { unit_id: 0, unit_name: '合计', staff: 10, checked_this_year: 6, due: 2, overdue: 1, never: 1 },
  }
  it('offers the units the coverage lists (the scope the server computed)', () => {
    expect(checkableUnits(coverage)).toEqual([
      { id: 7, name: '五团中学' },
      { id: 8, name: '五团小学' },
    ])
    expect(checkableUnits(null)).toEqual([])
  })
  it('builds one stacked series per re-check state', () => {
    const s = coverageSeries(t, coverage.units)
    expect(s.map((x) => x.name)).toEqual(['本年已查询', '待复查', '逾期未复查', '从未查询'])
    expect(s[2].values).toEqual([1, 0])
  })
  it('computes the share checked this year', () => {
    expect(coveragePercent(coverage.total)).toBe(60)
    expect(coveragePercent({ staff: 0, checked_this_year: 0 })).toBe(100)
  })
  it('words 429 as the daily cap with the server message', () => {
    const e = new ApiError(429, 'rate_limited', '本单位今日查询人数已达上限（每日200人）')
    expect(refusalMessage(t, e)).toBe('今日查询次数已达上限：本单位今日查询人数已达上限（每日200人）')
    expect(refusalMessage(t, new ApiError(400, 'invalid_unit', '单位不存在'))).toBe('单位不存在')
  })
})

describe('check form', () => {
  it('is submittable only with consent, a name and an ID number', () => {
    const f = { ...emptyCheckForm(), name: '张三', id_number: '110101199003071234' }
    expect(checkSubmittable(f)).toBe(false)
    expect(checkSubmittable({ ...f, consent: true })).toBe(true)
    expect(checkSubmittable({ ...f, consent: true, name: ' ' })).toBe(false)
  })
  it('sends the unit only when one is chosen and leaves out an empty position', () => {
    const f = { ...emptyCheckForm(), name: ' 张三 ', id_number: '110101199003071234', consent: true, hired: false }
    expect(checkPayload(f, null)).toEqual({ name: '张三', id_number: '110101199003071234', hired: false, consent_confirmed: true })
    expect(checkPayload({ ...f, position: '保安' }, 9)).toMatchObject({ unit_id: 9, position: '保安' })
  })
})

describe('dialogs and the reviews page', () => {
  const mount = useMount()

  it('查询一人: the submit stays disabled until the consent is ticked, then posts and shows the status', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, { row: 1, name: '张三', status: 'pending_review' }))
    const open = ref(false)
    mount(() => h(CheckDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), unitId: 12 }))
    open.value = true
    await settle()
    await type('screening-check-name', '张三')
    await type('screening-check-id', '110101199003071234')
    const submit = q('screening-check-submit') as HTMLButtonElement
    expect(submit.disabled).toBe(true)
    submit.click()
    await settle()
    expect(fetchMock).not.toHaveBeenCalled()

    input('screening-check-consent').click()
    await settle()
    expect((q('screening-check-submit') as HTMLButtonElement).disabled).toBe(false)
    q('screening-check-submit')!.click()
    await settle()
    expect(lastCall()).toMatchObject({
      url: '/api/v1/screening/checks',
      method: 'POST',
      body: { unit_id: 12, name: '张三', id_number: '110101199003071234', hired: true, consent_confirmed: true },
    })
    expect(q('screening-check-outcome')?.textContent).toContain('待核实')
  })

  it('查询一人: a 429 shows the daily cap and the server message in the dialog', async () => {
    fetchMock.mockResolvedValue(fakeResponse(429, { error: { code: 'rate_limited', message: '本单位今日查询人数已达上限（每日200人）', field: '' } }))
    const open = ref(false)
    mount(() => h(CheckDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), unitId: null }))
    open.value = true
    await settle()
    await type('screening-check-name', '张三')
    await type('screening-check-id', '110101199003071234')
    input('screening-check-consent').click()
    await settle()
    q('screening-check-submit')!.click()
    await settle()
    expect(lastCall().body).not.toHaveProperty('unit_id')
    expect(q('screening-check-error')?.textContent).toContain('今日查询次数已达上限：本单位今日查询人数已达上限（每日200人）')
    expect(q('screening-check-outcome')).toBeNull()
  })

  it('上传名单: needs a file and the consent, sends the query and renders one status per row', async () => {
    FakeXhr.next = {
      status: 200,
      body: JSON.stringify({
        items: [
          { row: 2, name: '张三', status: 'clear' },
          { row: 3, name: '李四', status: 'hit' },
          { row: 4, name: '王五', status: 'invalid_id' },
        ],
      }),
    }
    const open = ref(false)
    mount(() => h(SheetDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), unitId: 12 }))
    open.value = true
    await settle()
    const submit = () => q('screening-sheet-submit') as HTMLButtonElement
    expect(submit().disabled).toBe(true)

    const file = new File(['x'], '教职工名单.xlsx')
    const picker = q('screening-sheet-file') as HTMLInputElement
    Object.defineProperty(picker, 'files', { value: [file], configurable: true })
    picker.dispatchEvent(new Event('change'))
    await settle()
    expect(q('screening-sheet-filename')?.textContent).toBe('教职工名单.xlsx')
    expect(submit().disabled).toBe(true)

    // hired default off: rows without 是否在职 are applicants.
    input('screening-sheet-hired').click()
    input('screening-sheet-consent').click()
    await settle()
    expect(submit().disabled).toBe(false)
    submit().click()
    await settle()

    expect(FakeXhr.last!.method).toBe('PUT')
    const url = new URL(FakeXhr.last!.url, 'http://x')
    expect(url.pathname).toBe('/api/v1/screening/checks/sheet')
    expect(Object.fromEntries(url.searchParams)).toEqual({ consent_confirmed: '1', hired: '0', filename: '教职工名单.xlsx', unit_id: '12' })
    expect(FakeXhr.last!.body).toBe(file)

    const table = q('screening-results')!
    const rows = [...table.querySelectorAll('.el-table__body tr')].map((tr) => tr.textContent?.replace(/\s+/g, ''))
    expect(rows).toEqual(['2张三未发现记录', '3李四发现记录（不得录用/应解聘）', '4王五身份证号无效'])
    expect(table.querySelector('[data-status="hit"]')?.className).toContain('el-tag--danger')
    expect(q('screening-sheet-summary')?.textContent).toContain('已查询 3 人')
  })

  it('上传名单: a refused sheet shows the server message and no results', async () => {
    FakeXhr.next = { status: 400, body: JSON.stringify({ error: { code: 'missing_column', message: '表中缺少“身份证号”列', field: 'file' } }) }
    const open = ref(false)
    mount(() => h(SheetDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), unitId: null }))
    open.value = true
    await settle()
    const picker = q('screening-sheet-file') as HTMLInputElement
    Object.defineProperty(picker, 'files', { value: [new File(['x'], 'a.csv')], configurable: true })
    picker.dispatchEvent(new Event('change'))
    input('screening-sheet-consent').click()
    await settle()
    q('screening-sheet-submit')!.click()
    await settle()
    expect(new URL(FakeXhr.last!.url, 'http://x').searchParams.has('unit_id')).toBe(false)
    expect(q('screening-sheet-error')?.textContent).toContain('表中缺少“身份证号”列')
    expect(q('screening-results')).toBeNull()
  })

  const review = (id: number): ScreeningReview => ({
    id,
    check_id: 100 + id,
    status: 'open',
    unit: { id: 7, name: '五团中学' },
    person: { name: `张${id}`, id_number: '1101**********1234', sex: 'M', birth_date: '1990-03-07', position: '保安', hired: true },
    created_at: 1767225600000,
    candidates: [
      {
        id: 50 + id,
        name: '张*',
        sex: 'M',
        id_number: '1101**********9999',
        record_type: 'child_molestation',
        record_type_label: '猥亵儿童罪',
        decision_date: '2015-06-01',
        decision_authority: '某县人民法院',
        minor_at_offence: false,
        sealed: false,
        release_date: null,
        control_status: 'none',
        control_status_label: '未列管',
        managing_officer: null,
        next_checkin_due: null,
        created_at: 0,
        updated_at: 0,
      },
    ],
  })

  async function openReviews() {
    useAuthStore().setMe(
      makeMe({
        username: 'police',
        permissions: ['screening:review:list', 'screening:review:decide'],
      }),
    )
    fetchMock.mockImplementation(async (url: string, init: RequestInit = {}) => {
      if (url === '/api/v1/screening/reviews' && (init.method ?? 'GET') === 'GET') return fakeResponse(200, { items: [review(3), review(4)] })
      if (init.method === 'POST') return fakeResponse(200, { ...review(Number(url.split('/').pop())), status: 'confirmed' })
      return fakeResponse(404, { error: { code: 'not_found', message: 'no', field: '' } })
    })
    mount(() => h(ReviewsPage))
    await settle()
  }

  it('lists open reviews with masked candidates; 确认命中 asks, posts confirm with the note, and drops the row', async () => {
    await openReviews()
    expect(q('screening-review-3')?.textContent).toContain('猥亵儿童罪')
    expect(q('screening-review-3')?.textContent).toContain('1101**********9999')
    prompt.mockResolvedValue({ value: ' 经核实为同一人 ', action: 'confirm' })
    q('screening-review-confirm-3')!.click()
    await settle()
    expect(prompt).toHaveBeenCalledTimes(1)
    expect(String(prompt.mock.calls[0][0])).toContain('张3')
    const post = fetchMock.mock.calls.find((c) => (c[1] as RequestInit | undefined)?.method === 'POST')!
    expect(post[0]).toBe('/api/v1/screening/reviews/3')
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({ decision: 'confirm', note: '经核实为同一人' })
    expect(q('screening-review-3')).toBeNull()
    expect(q('screening-review-4')).not.toBeNull()
  })

  it('排除 posts clear; cancelling the message box sends nothing', async () => {
    await openReviews()
    prompt.mockRejectedValueOnce('cancel')
    q('screening-review-clear-4')!.click()
    await settle()
    expect(fetchMock.mock.calls.some((c) => (c[1] as RequestInit | undefined)?.method === 'POST')).toBe(false)
    expect(q('screening-review-4')).not.toBeNull()

    prompt.mockResolvedValueOnce({ value: '', action: 'confirm' })
    q('screening-review-clear-4')!.click()
    await settle()
    const post = fetchMock.mock.calls.find((c) => (c[1] as RequestInit | undefined)?.method === 'POST')!
    expect(post[0]).toBe('/api/v1/screening/reviews/4')
    expect(JSON.parse(String((post[1] as RequestInit).body))).toEqual({ decision: 'clear' })
    expect(q('screening-review-4')).toBeNull()
  })
})
