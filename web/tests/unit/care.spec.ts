// Care persons, coverage, teams and the dashboard: the API mapping, the team seats and the assignment
// outcome in Chinese, the coverage editing, the shared sheet-import state and the chart option builders.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, ref, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { fakeResponse, makeMe } from './helpers'

const { message } = vi.hoisted(() => ({ message: vi.fn() }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: {} }))

import { i18n } from '@/locales'
import { ApiError } from '@/api/request'
import type { ImportResult } from '@/api/children'
import {
  assignTeams,
  createCarePerson,
  getChildrenDashboard,
  getCoverage,
  importCarePersons,
  listCareAccounts,
  listCarePersons,
  listTeams,
  setCoverage,
  updateCarePerson,
  type CarePerson,
  type CoverageItem,
  type DashboardVillage,
  type Team,
} from '@/api/care'
import type { Unit } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import {
  draftDirty,
  draftOf,
  draftPayload,
  incompleteRows,
  missingSeats,
  roleLabel,
  rolesForKind,
  seatOfRole,
  shortfallText,
  stationVillages,
  teamComplete,
  teamCounts,
  teamSeats,
  teamsByVillage,
  toggleVillage,
  townOf,
  visitsByVillage,
} from '@/utils/care'
import { barChartHeight, horizontalBarOption, stackedBarOption } from '@/utils/charts'
import { useSheetImport } from '@/composables/useSheetImport'
import { accountOptions, createPayload, emptyPersonForm, formOfPerson, manageableUnits, roleAfterUnitChange, updatePayload } from '@/views/care/data'
import PersonDialog from '@/views/care/PersonDialog.vue'
import { installElement } from '@/plugins/element'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})
const fetchMock = vi.fn()

beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().setMe(makeMe())
  fetchMock.mockReset()
  message.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})

function lastCall(): { url: string; method: string; body: unknown } {
  const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1] as [string, RequestInit]
  return { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined }
}

const person: CarePerson = {
  id: 5,
  name: '李梅',
  sex: 'F',
  seat: 'village',
  role: '儿童主任',
  unit: { id: 11, name: '青石村' },
  phone: '139****1000',
  active: true,
  user: { id: 40, username: 'village', display_name: '村干部' },
  children: 4,
  girls: 2,
}

describe('care API mapping', () => {
  it('lists persons with the filters as query parameters, leaving out empty ones', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [person], total: 1, page: 1, page_size: 20 }))
    const res = await listCarePersons({ unit_id: 11, seat: 'village', q: '', active: 'all', page: 2, page_size: 20 })
    expect(lastCall().url).toBe('/api/v1/care/persons?unit_id=11&seat=village&active=all&page=2&page_size=20')
    expect(res.items[0].unit.name).toBe('青石村')
  })

  it('creates and updates with JSON bodies; deactivation answers the released seats', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, person))
    await createCarePerson({ name: '李梅', sex: 'F', role: '儿童主任', unit_id: 11 })
    expect(lastCall()).toMatchObject({ url: '/api/v1/care/persons', method: 'POST', body: { name: '李梅', role: '儿童主任' } })

    fetchMock.mockResolvedValue(fakeResponse(200, { ...person, active: false, released: 4 }))
    const saved = await updateCarePerson(5, { active: false })
    expect(lastCall()).toMatchObject({ url: '/api/v1/care/persons/5', method: 'PUT', body: { active: false } })
    expect(saved.released).toBe(4)
  })

  it('shows no message itself for a failed save (the dialog does), unless asked to', async () => {
    fetchMock.mockResolvedValue(fakeResponse(400, { error: { code: 'invalid_role', message: '角色与单位类型不符', field: 'role' } }))
    const err = await createCarePerson({ name: '甲', sex: 'M', role: '教师', unit_id: 11 }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.field).toBe('role')
    expect(message).not.toHaveBeenCalled()
    await updateCarePerson(5, { active: false }, { silent: false }).catch(() => undefined)
    expect(message).toHaveBeenCalled()
  })

  it('lists the accounts of one unit for the link, silently when refused', async () => {
    const account = { id: 10, username: 'village', display_name: '青石村儿童主任', linked_person_id: 5 }
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [account] }))
    const res = await listCareAccounts(11)
    expect(lastCall()).toMatchObject({ url: '/api/v1/care/accounts?unit_id=11', method: 'GET' })
    expect(res.items).toEqual([account])
    fetchMock.mockResolvedValue(fakeResponse(404, { error: { code: 'not_found', message: '单位不存在', field: '' } }))
    await expect(listCareAccounts(12)).rejects.toBeInstanceOf(ApiError)
    expect(message).not.toHaveBeenCalled()
  })

  it('reads and writes the coverage of one station', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await getCoverage()
    expect(lastCall().url).toBe('/api/v1/care/coverage')
    fetchMock.mockResolvedValue(fakeResponse(200, { station: { id: 3, name: '五团镇派出所' }, configured: false, villages: [] }))
    await setCoverage(3, [])
    expect(lastCall()).toMatchObject({ url: '/api/v1/care/coverage/3', method: 'PUT', body: { village_ids: [] } })
  })

  it('posts an assignment run: village and dry run only when given', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { assigned: 0, incomplete: [], shortfalls: [], dry_run: true }))
    await assignTeams({ village_id: null, dry_run: true })
    expect(lastCall()).toMatchObject({ url: '/api/v1/children/assign-teams', method: 'POST', body: { dry_run: true } })
    await assignTeams({ village_id: 11 })
    expect(lastCall().body).toEqual({ village_id: 11 })
  })

  it('lists teams and the dashboard for one village or all', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listTeams(null)
    expect(lastCall().url).toBe('/api/v1/children/teams')
    await listTeams(11)
    expect(lastCall().url).toBe('/api/v1/children/teams?village_id=11')
    fetchMock.mockResolvedValue(fakeResponse(200, { totals: {}, by_category: [], villages: [] }))
    await getChildrenDashboard(11)
    expect(lastCall().url).toBe('/api/v1/children/dashboard?village_id=11')
  })

  it('sends a care sheet as the raw body with its name and commit flag', async () => {
    const sent: { url: string; type: string }[] = []
    class Xhr {
      url = ''
      headers: Record<string, string> = {}
      status = 200
      responseText = '{"rows":[],"created":0,"updated":0,"rejected":0,"committed":false}'
      upload = { onprogress: null }
      onload: (() => void) | null = null
      withCredentials = false
      open(_m: string, url: string) {
        this.url = url
      }
      setRequestHeader(k: string, v: string) {
        this.headers[k] = v
      }
      send() {
        sent.push({ url: this.url, type: this.headers['Content-Type'] })
        queueMicrotask(() => this.onload?.())
      }
    }
    vi.stubGlobal('XMLHttpRequest', Xhr)
    await importCarePersons(new File(['a'], '责任人.csv'), true)
    expect(sent[0].url).toBe('/api/v1/care/import?filename=%E8%B4%A3%E4%BB%BB%E4%BA%BA.csv&commit=1')
    expect(sent[0].type).toBe('text/csv')
  })
})

const team = (over: Partial<Team> = {}): Team => ({
  child_id: 1,
  name: '安安',
  sex: 'F',
  village: '青石村',
  members: [
    { role: '儿童主任', person_id: 5, name: '李梅', sex: 'F', unit: '青石村', phone: null },
    { role: '教师', person_id: 6, name: '王老师', sex: 'F', unit: '五团镇中心小学', phone: null },
    { role: '民警', person_id: 7, name: '赵警官', sex: 'M', unit: '五团镇派出所', phone: '138****0001' },
    { role: '监护人', person_id: null, name: '安父', sex: 'M', unit: null, phone: '139****1000' },
  ],
  ...over,
})

describe('team seats', () => {
  it('puts the members in the four seats and finds the gaps', () => {
    const full = team()
    expect(teamSeats(full).map((c) => c.member?.name)).toEqual(['李梅', '王老师', '赵警官', '安父'])
    expect(teamComplete(full)).toBe(true)
    const gaps = team({ child_id: 2, members: [full.members[0], full.members[3]] })
    expect(missingSeats(gaps)).toEqual(['teacher', 'police'])
    const noGuardian = team({ child_id: 3, members: full.members.slice(0, 3) })
    expect(missingSeats(noGuardian)).toEqual(['guardian'])
    expect(teamCounts([full, gaps, noGuardian])).toEqual({ total: 3, complete: 1, incomplete: 2 })
  })

  it('maps roles to seats and unit kinds to roles', () => {
    expect(seatOfRole('村干部')).toBe('village')
    expect(seatOfRole('儿童主任')).toBe('village')
    expect(seatOfRole('监护人')).toBeNull()
    expect(rolesForKind('village')).toEqual(['村干部', '儿童主任'])
    expect(rolesForKind('school')).toEqual(['教师'])
    expect(rolesForKind('police_station')).toEqual(['民警'])
    expect(rolesForKind('town')).toEqual([])
    expect(roleLabel(t, '民警')).toBe('民警')
    expect(roleLabel(t, '志愿者')).toBe('志愿者')
  })
})

describe('assignment outcome in Chinese', () => {
  it('says what each unit lacks', () => {
    expect(shortfallText(t, { unit: '青石村', seat: '儿童主任/村干部', female_needed: 1, persons_needed: 1 })).toBe(
      '青石村（儿童主任/村干部）：需增加 1 名女性责任人',
    )
    expect(shortfallText(t, { unit: '五团镇派出所', seat: '民警', female_needed: 0, persons_needed: 2 })).toBe(
      '五团镇派出所（民警）：需增加 2 名责任人',
    )
    expect(shortfallText(t, { unit: '五团镇中心小学', seat: '教师', female_needed: 1, persons_needed: 3 })).toBe(
      '五团镇中心小学（教师）：需增加 3 名责任人，其中 1 名女性',
    )
  })

  it('follows the language', () => {
    i18n.global.locale.value = 'en-US'
    try {
      expect(shortfallText(t, { unit: '青石村', seat: '教师', female_needed: 0, persons_needed: 2 })).toBe(
        '青石村 (教师): 2 more care persons needed',
      )
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })

  it('names the incomplete children from the listed teams', () => {
    const rows = incompleteRows(
      { incomplete: [{ child_id: 1, reason: '团队中没有女性：需要增加女性包保人（青石村）' }, { child_id: 99, reason: '没有学校' }] },
      [team()],
    )
    expect(rows).toEqual([
      { child_id: 1, name: '安安', village: '青石村', reason: '团队中没有女性：需要增加女性包保人（青石村）' },
      { child_id: 99, name: '#99', village: '', reason: '没有学校' },
    ])
  })
})

const units: Unit[] = [
  { id: 1, parent_id: null, name: '五团镇', kind: 'town', code: '', aliases: [] },
  { id: 2, parent_id: 1, name: '五团镇派出所', kind: 'police_station', code: '', aliases: [] },
  { id: 11, parent_id: 1, name: '青石村', kind: 'village', code: '', aliases: [] },
  { id: 12, parent_id: 1, name: '柳塘村', kind: 'village', code: '', aliases: [] },
  { id: 20, parent_id: 1, name: '五团镇中心小学', kind: 'school', code: '', aliases: [] },
  { id: 100, parent_id: null, name: '邻镇', kind: 'town', code: '', aliases: [] },
  { id: 101, parent_id: 100, name: '邻村', kind: 'village', code: '', aliases: [] },
]

describe('coverage editing', () => {
  const item = (configured: boolean, ids: number[]): CoverageItem => ({
    station: { id: 2, name: '五团镇派出所' },
    configured,
    villages: ids.map((id) => ({ id, name: String(id) })),
  })

  it('offers the villages of the station’s township', () => {
    expect(townOf(units, 2)).toBe(1)
    expect(stationVillages(units, 2).map((v) => v.name)).toEqual(['青石村', '柳塘村'])
  })

  it('starts from the default or the stored list, and knows when it changed', () => {
    const def = draftOf(item(false, [11, 12]))
    expect(def).toEqual({ stationId: 2, useDefault: true, villageIds: [] })
    expect(draftDirty(def, item(false, [11, 12]))).toBe(false)
    const chosen = toggleVillage(def, 11, true)
    expect(chosen).toEqual({ stationId: 2, useDefault: false, villageIds: [11] })
    expect(draftDirty(chosen, item(false, []))).toBe(true)
    expect(draftDirty(toggleVillage(draftOf(item(true, [12, 11])), 11, true), item(true, [11, 12]))).toBe(false)
    expect(draftDirty(toggleVillage(draftOf(item(true, [11, 12])), 12, false), item(true, [11, 12]))).toBe(true)
  })

  it('saves [] for the default and refuses an empty choice', () => {
    expect(draftPayload({ stationId: 2, useDefault: true, villageIds: [11] })).toEqual({ village_ids: [] })
    expect(draftPayload({ stationId: 2, useDefault: false, villageIds: [12, 11] })).toEqual({ village_ids: [11, 12] })
    expect(draftPayload({ stationId: 2, useDefault: false, villageIds: [] })).toEqual({ error: 'coverage.emptyChoice' })
    expect(t('coverage.emptyChoice')).toContain('默认')
  })
})

describe('care person form', () => {
  it('keeps a fitting role and picks the only one', () => {
    expect(roleAfterUnitChange('儿童主任', 'village')).toBe('儿童主任')
    expect(roleAfterUnitChange('儿童主任', 'school')).toBe('教师')
    expect(roleAfterUnitChange('教师', 'village')).toBe('')
  })

  it('builds the create body and an update of what changed only', () => {
    const f = { ...emptyPersonForm(), name: ' 张三 ', sex: 'M' as const, unit_id: 20, role: '教师' as const }
    expect(createPayload(f)).toEqual({ name: '张三', sex: 'M', role: '教师', unit_id: 20 })
    const edit = formOfPerson(person)
    expect(edit.phone).toBe('')
    expect(updatePayload(edit, person)).toEqual({})
    expect(updatePayload({ ...edit, user_id: null }, person)).toEqual({ user_id: null })
    expect(updatePayload({ ...edit, sex: 'M', phone: '13900002222' }, person)).toEqual({ sex: 'M', phone: '13900002222' })
  })

  it('clears a stored phone only when asked, and a new number wins over clearing', () => {
    const edit = formOfPerson(person)
    expect(edit.phone_clear).toBe(false)
    expect(updatePayload({ ...edit, phone_clear: true }, person)).toEqual({ phone: '' })
    expect(updatePayload({ ...edit, phone_clear: true, phone: '13900003333' }, person)).toEqual({ phone: '13900003333' })
    expect(updatePayload({ ...edit, phone_clear: true }, { ...person, phone: null })).toEqual({})
    expect(createPayload({ ...emptyPersonForm(), name: '甲', sex: 'F', unit_id: 11, role: '儿童主任', phone_clear: true })).not.toHaveProperty('phone')
  })

  it("offers the unit's accounts, marks those linked to another person and keeps the current link", () => {
    const accounts = [
      { id: 40, username: 'village', display_name: '村干部', linked_person_id: 5 },
      { id: 41, username: 'clerk', display_name: '文书', linked_person_id: 9 },
      { id: 42, username: 'new', display_name: '新人', linked_person_id: null },
    ]
    expect(accountOptions(accounts, person)).toEqual([
      { id: 40, label: '村干部（village）', linkedElsewhere: false },
      { id: 41, label: '文书（clerk）', linkedElsewhere: true },
      { id: 42, label: '新人（new）', linkedElsewhere: false },
    ])
    expect(accountOptions([], person)).toEqual([{ id: 40, label: '村干部（village）', linkedElsewhere: false }])
    expect(accountOptions(accounts.slice(1), null).map((o) => o.linkedElsewhere)).toEqual([true, false])
  })

  it('offers every care unit to the township office, his own unit to a village cadre', () => {
    const office = makeMe({
      roles: [{ id: 1, role: 'coordinator', label: '', scope: 'township', unit_ids: [] }],
      permissions: ['children:care:list', 'children:care:manage', 'children:care:all_units'],
    })
    expect(manageableUnits(units, office).map((u) => u.id)).toEqual([101, 12, 11, 20, 2])
    // A police officer with a township grant but without children:care:all_units: his own station only.
    const police = makeMe({
      unit: { id: 2, name: '五团镇派出所', kind: 'police_station' },
      roles: [{ id: 3, role: 'police', label: '', scope: 'township', unit_ids: [] }],
      permissions: ['children:care:list', 'children:care:manage'],
    })
    expect(manageableUnits(units, police).map((u) => u.id)).toEqual([2])
    const village = makeMe({ unit: { id: 11, name: '青石村', kind: 'village' }, roles: [{ id: 2, role: 'village', label: '', scope: 'own_unit', unit_ids: [] }] })
    expect(manageableUnits(units, village).map((u) => u.id)).toEqual([11])
  })
})

describe('sheet import state', () => {
  const preview = (rows: ImportResult['rows']): ImportResult => ({ rows, created: 0, updated: 0, rejected: 0, committed: false })

  it('refuses a file that is not a sheet, previews one that is', async () => {
    const importer = vi.fn().mockResolvedValue(preview([{ row: 2, action: 'create', reason: '', name: '甲' }]))
    const s = useSheetImport(importer)
    expect(await s.choose(new File(['x'], 'a.xls'))).toBe(false)
    expect(importer).not.toHaveBeenCalled()
    expect(await s.choose(new File(['x'], 'a.xlsx'))).toBe(true)
    expect(importer).toHaveBeenCalledWith(expect.any(File), false, expect.any(Object))
    expect(s.summary.value.committable).toBe(true)
  })

  it('filters to the rows with problems and blocks a commit with a rejection', async () => {
    const s = useSheetImport(
      vi.fn().mockResolvedValue(
        preview([
          { row: 2, action: 'create', reason: '', name: '甲' },
          { row: 3, action: 'reject', reason: '角色与单位类型不符', name: '乙' },
        ]),
      ),
    )
    await s.choose(new File(['x'], 'a.csv'))
    expect(s.shownRows.value).toHaveLength(2)
    s.onlyProblems.value = true
    expect(s.shownRows.value.map((r) => r.row)).toEqual([3])
    expect(await s.commit()).toBeNull()
  })

  it('commits, and on a 409 previews again and keeps the server’s message', async () => {
    const ok = preview([{ row: 2, action: 'create', reason: '', name: '甲' }])
    const importer = vi
      .fn()
      .mockResolvedValueOnce(ok)
      .mockRejectedValueOnce(new ApiError(409, 'import_rejected', '有 1 行被拒绝'))
      .mockResolvedValueOnce(preview([{ row: 2, action: 'reject', reason: '重复', name: '甲' }]))
      .mockResolvedValueOnce({ ...ok, created: 1, committed: true })
    const s = useSheetImport(importer)
    await s.choose(new File(['x'], 'a.xlsx'))
    expect(await s.commit()).toBeNull()
    expect(s.refusal.value).toBe('有 1 行被拒绝')
    expect(s.summary.value.reject).toBe(1)
    expect(s.busy.value).toBe(false)
    s.reset()
    expect(s.preview.value).toBeNull()
    expect(s.file.value).toBeNull()
  })
})

describe('chart option builders', () => {
  it('builds a horizontal bar chart', () => {
    const o = horizontalBarOption(
      [
        { label: '留守儿童', value: 3 },
        { label: '孤儿', value: 1 },
      ],
      { color: '#e0604f', name: '儿童', valueLabels: true, labelWidth: 110 },
    ) as Record<string, any>
    expect(o.yAxis.data).toEqual(['留守儿童', '孤儿'])
    expect(o.yAxis.inverse).toBe(true)
    expect(o.series[0]).toMatchObject({ type: 'bar', name: '儿童', data: [3, 1], itemStyle: { color: '#e0604f' } })
    expect(o.series[0].label.show).toBe(true)
  })

  it('stacks series and leaves zeros out', () => {
    const o = stackedBarOption(['青石村', '柳塘村'], [{ name: '完整', color: 'green', values: [2, 0] }], { legend: true }) as Record<string, any>
    expect(o.series[0]).toMatchObject({ stack: 'total', data: [2, null] })
    expect(o.legend.data).toEqual(['完整'])
    expect(o.grid.top).toBe(32)
    expect((stackedBarOption([], []) as Record<string, any>).legend).toBeUndefined()
  })

  it('grows with the rows but never below the minimum', () => {
    expect(barChartHeight(0)).toBe(120)
    expect(barChartHeight(10)).toBe(290)
  })

  const village = (over: Partial<DashboardVillage>): DashboardVillage => ({
    id: 1,
    name: '村',
    children: 0,
    teams_complete: 0,
    teams_incomplete: 0,
    visits_overdue: 0,
    visits_due_soon: 0,
    urgent_open: 0,
    by_category: {},
    ...over,
  })

  it('shows teams per village with children, visits per village most overdue first', () => {
    const villages = [
      village({ id: 1, name: '青石村', children: 6, teams_complete: 4, teams_incomplete: 2, visits_due_soon: 1 }),
      village({ id: 2, name: '柳塘村', children: 0 }),
      village({ id: 3, name: '桃园村', children: 5, teams_complete: 5, visits_overdue: 3 }),
    ]
    const teams = teamsByVillage(t, villages)
    expect(teams.categories).toEqual(['青石村', '桃园村'])
    expect(teams.series.map((s) => [s.name, s.values])).toEqual([
      ['团队完整', [4, 5]],
      ['团队不完整', [2, 0]],
    ])
    const visits = visitsByVillage(t, villages)
    expect(visits.categories).toEqual(['桃园村', '青石村'])
    expect(visits.series[0].values).toEqual([3, 0])
  })
})

describe('the care person dialog', () => {
  let app: App | null = null
  let host: HTMLElement
  const villageUnit: Unit = { id: 11, name: '青石村', kind: 'village' } as Unit

  async function settle() {
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 0))
      await nextTick()
    }
  }

  /** Opens the dialog on `person` as a village cadre who may manage care persons but not list users. */
  async function openDialog() {
    useAuthStore().setMe(
      makeMe({
        username: 'village',
        unit: { id: 11, name: '青石村', kind: 'village' },
        roles: [{ id: 2, role: 'village', label: '', scope: 'own_unit', unit_ids: [] }],
        permissions: ['children:care:list', 'children:care:manage'],
      }),
    )
    Object.assign(message, { success: vi.fn() })
    fetchMock.mockImplementation(async (url: string, init: RequestInit = {}) => {
      if (url.startsWith('/api/v1/care/accounts'))
        return fakeResponse(200, { items: [{ id: 40, username: 'village', display_name: '村干部', linked_person_id: 5 }] })
      if (init.method === 'PUT') return fakeResponse(200, { ...person, phone: null, released: 0 })
      return fakeResponse(404, { error: { code: 'not_found', message: 'no', field: '' } })
    })
    const open = ref(false)
    host = document.createElement('div')
    document.body.appendChild(host)
    app = createApp({
      setup: () => () => h(PersonDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), person, units: [villageUnit] }),
    })
    app.use(i18n)
    installElement(app)
    app.mount(host)
    open.value = true
    await settle()
    return open
  }
  const q = (name: string) => document.body.querySelector(`[data-test="${name}"]`) as HTMLElement | null

  // jsdom lays nothing out, so the form's automatic label width is NaN when the dialog closes.
  beforeEach(() => {
    const warn = console.warn
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes('unexpected width')) warn(...args)
    })
  })
  afterEach(() => {
    app?.unmount()
    app = null
    host?.remove()
    vi.restoreAllMocks()
  })

  it("lists the unit's accounts through the care API, without org:user:list and without the administrator hint", async () => {
    await openDialog()
    const urls = fetchMock.mock.calls.map((c) => String(c[0]))
    expect(urls).toContain('/api/v1/care/accounts?unit_id=11')
    expect(urls.some((u) => u.startsWith('/api/v1/users'))).toBe(false)
    const dialog = q('care-person-dialog')!
    expect(dialog.textContent).toContain(t('care.accountHint'))
    expect(dialog.textContent).not.toContain('系统管理员')
    expect((q('care-account')?.closest('.el-select') ?? q('care-account'))?.classList.contains('is-disabled')).toBe(false)
  })

  it('clears the stored phone with 清除 and sends phone "" on save', async () => {
    const open = await openDialog()
    const input = q('care-phone')!.querySelector('input') ?? (q('care-phone') as HTMLInputElement)
    expect(input.getAttribute('placeholder')).toContain('139****1000')
    q('care-phone-clear')!.click()
    await settle()
    expect(input.disabled).toBe(true)
    expect(input.getAttribute('placeholder')).toBe(t('care.phoneWillClear', { masked: '139****1000' }))
    q('care-save')!.click()
    await settle()
    const put = fetchMock.mock.calls.find((c) => (c[1] as RequestInit | undefined)?.method === 'PUT')
    expect(put?.[0]).toBe('/api/v1/care/persons/5')
    expect(JSON.parse(String((put![1] as RequestInit).body))).toEqual({ phone: '' })
    expect(open.value).toBe(false)
  })
})
