// The offender registry page: the API mapping (purpose with a search and with a read, due check-ins), the
// purpose rule enforced before the request, the record form's payloads (create: required fields and the
// optional ones only when given; correct: only what changed, null to clear), and the create dialog.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { h, ref } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { fakeResponse, makeMe } from './helpers'
import { input, q, settle, type, useMount } from './dom'

const { message, prompt } = vi.hoisted(() => ({ message: vi.fn(), prompt: vi.fn() }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: { prompt, confirm: vi.fn() } }))

import { i18n } from '@/locales'
import {
  createRegistryCheckin,
  createRegistryRecord,
  getRegistryRecord,
  listDueCheckins,
  listRegistryRecords,
  updateRegistryRecord,
  type RegistryRecord,
} from '@/api/registry'
import { useAuthStore } from '@/stores/auth'
import { RECORD_TYPES, controlStatusLabel, purposeProblem, purposeValidator, recordTypeLabel, searchProblem } from '@/utils/registry'
import { checkinPayload, createRecordPayload, emptyRecordForm, formOfRecord, recordFieldOf, updateRecordPayload } from '@/views/registry/data'
import RegistryPage from '@/views/registry/index.vue'
import RecordDialog from '@/views/registry/RecordDialog.vue'

const t = (k: string, named?: Record<string, unknown>) => i18n.global.t(k, named ?? {})
const fetchMock = vi.fn()

beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().setMe(
    makeMe({
      username: 'police',
      unit: { id: 3, name: '五团镇派出所', kind: 'police_station' },
      roles: [{ id: 4, role: 'police', label: '民警', scope: 'own_unit', unit_ids: [] }],
      permissions: ['registry:record:list', 'registry:record:read', 'registry:record:create', 'registry:record:update', 'registry:checkin:create'],
    }),
  )
  fetchMock.mockReset()
  message.mockReset()
  prompt.mockReset()
  Object.assign(message, { success: vi.fn(), warning: vi.fn() })
  vi.stubGlobal('fetch', fetchMock)
})

function lastCall(): { url: string; method: string; body: unknown } {
  const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1] as [string, RequestInit]
  return { url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined }
}

const record: RegistryRecord = {
  id: 21,
  name: '赵某',
  sex: 'M',
  id_number: '110101198001011234',
  birth_date: '1980-01-01',
  record_type: 'child_molestation',
  record_type_label: '猥亵儿童罪',
  decision_date: '2015-06-01',
  decision_authority: '某县人民法院',
  minor_at_offence: false,
  sealed: false,
  release_date: '2018-06-01',
  control_status: 'under_control',
  control_status_label: '列管中',
  managing_officer: { id: 30, name: '王警官' },
  next_checkin_due: '2026-05-01',
  created_at: 0,
  updated_at: 0,
  checkins: [],
}

describe('registry API mapping', () => {
  it('lists with filters; a search carries its purpose', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [], total: 0 }))
    await listRegistryRecords({ record_type: 'rape', control_status: '', page: 1, page_size: 20 })
    expect(lastCall().url).toBe('/api/v1/registry/records?record_type=rape&page=1&page_size=20')
    await listRegistryRecords({ q: '赵某', purpose: '核查案件' })
    expect(lastCall().url).toBe(`/api/v1/registry/records?q=${encodeURIComponent('赵某')}&purpose=${encodeURIComponent('核查案件')}`)
  })

  it('reads one record with the purpose in the query', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, record))
    await getRegistryRecord(21, '办理报到')
    expect(lastCall().url).toBe(`/api/v1/registry/records/21?purpose=${encodeURIComponent('办理报到')}`)
  })

  it('creates, corrects, records a check-in and lists the due check-ins (mine=1 only when asked)', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, record))
    await createRegistryRecord({ name: '赵某', id_number: '110101198001011234', record_type: 'rape', decision_date: '2015-06-01', decision_authority: '法院', minor_at_offence: false })
    expect(lastCall()).toMatchObject({ url: '/api/v1/registry/records', method: 'POST', body: { record_type: 'rape', minor_at_offence: false } })
    await updateRegistryRecord(21, { release_date: null })
    expect(lastCall()).toEqual({ url: '/api/v1/registry/records/21', method: 'PUT', body: { release_date: null } })
    await createRegistryCheckin(21, { checkin_date: '2026-04-01' })
    expect(lastCall()).toEqual({ url: '/api/v1/registry/records/21/checkins', method: 'POST', body: { checkin_date: '2026-04-01' } })
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [] }))
    await listDueCheckins(true)
    expect(lastCall().url).toBe('/api/v1/registry/checkins/due?mine=1')
    await listDueCheckins()
    expect(lastCall().url).toBe('/api/v1/registry/checkins/due')
  })
})

describe('purpose rules and labels', () => {
  it('needs a purpose only with a search text', () => {
    expect(searchProblem('', '')).toBeNull()
    expect(searchProblem('赵某', '')).toBe('registry.purposeRequired')
    expect(searchProblem('赵某', '   ')).toBe('registry.purposeRequired')
    expect(searchProblem('赵某', 'x'.repeat(201))).toBe('registry.purposeTooLong')
    expect(searchProblem('赵某', '核查案件')).toBeNull()
    expect(purposeProblem('')).toBe('registry.purposeRequired')
  })
  it('validates the read prompt in Chinese', () => {
    const v = purposeValidator(t)
    expect(v('')).toBe('按姓名或身份证号查找须填写查询事由')
    expect(v('办理报到')).toBe(true)
  })
  it('names the record types and control statuses in Chinese', () => {
    expect(RECORD_TYPES).toHaveLength(13)
    expect(recordTypeLabel(t, 'custodial_sexual_assault')).toBe('负有照护职责人员性侵罪')
    expect(recordTypeLabel(t, 'new_type', '新类型')).toBe('新类型')
    expect(controlStatusLabel(t, 'under_control')).toBe('列管中')
  })
})

describe('record form payloads', () => {
  it('creates with the required fields, the optional ones only when given', () => {
    const f = {
      ...emptyRecordForm(),
      name: ' 赵某 ',
      id_number: '110101198001011234',
      record_type: 'rape',
      decision_date: '2015-06-01',
      decision_authority: ' 某县人民法院 ',
      minor_at_offence: true,
      next_checkin_due: '2026-05-01',
    }
    expect(createRecordPayload(f)).toEqual({
      name: '赵某',
      id_number: '110101198001011234',
      record_type: 'rape',
      decision_date: '2015-06-01',
      decision_authority: '某县人民法院',
      minor_at_offence: true,
      control_status: 'none',
    })
    const controlled = createRecordPayload({ ...f, control_status: 'under_control', managing_officer_id: 30, sex: 'M', birth_date: '1980-01-01' })
    expect(controlled).toMatchObject({ control_status: 'under_control', managing_officer_id: 30, next_checkin_due: '2026-05-01', sex: 'M', birth_date: '1980-01-01' })
  })
  it('corrects only what changed and clears with null', () => {
    const f = formOfRecord(record)
    expect(updateRecordPayload(f, record)).toEqual({})
    expect(updateRecordPayload({ ...f, release_date: '', decision_authority: '某市中级人民法院' }, record)).toEqual({
      release_date: null,
      decision_authority: '某市中级人民法院',
    })
    // Leaving control clears the due date.
    expect(updateRecordPayload({ ...f, control_status: 'ended' }, record)).toEqual({ control_status: 'ended', next_checkin_due: null })
  })
  it('maps server fields and builds the check-in body', () => {
    expect(recordFieldOf('id_number')).toBe('id_number')
    expect(recordFieldOf('purpose')).toBeNull()
    expect(checkinPayload({ checkin_date: '2026-04-01', note: '  ', next_checkin_due: '' })).toEqual({ checkin_date: '2026-04-01' })
  })
})

describe('registry page and dialog', () => {
  const mount = useMount()

  const listCalls = () => fetchMock.mock.calls.map((c) => String(c[0])).filter((u) => u.startsWith('/api/v1/registry/records'))

  it('blocks a search without a purpose before any request, then sends q with the purpose', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [], total: 0 }))
    mount(() => h(RegistryPage))
    await settle()
    expect(listCalls()).toEqual(['/api/v1/registry/records?page=1&page_size=20'])

    await type('registry-q', '110101198001011234')
    q('registry-search')!.click()
    await settle()
    expect(listCalls()).toHaveLength(1)
    expect((message as unknown as { warning: ReturnType<typeof vi.fn> }).warning).toHaveBeenCalledWith('按姓名或身份证号查找须填写查询事由')
    await new Promise((r) => setTimeout(r, 150))
    expect(q('registry-purpose')!.closest('.el-form-item')!.textContent).toContain('按姓名或身份证号查找须填写查询事由')

    await type('registry-purpose', '核查案件')
    q('registry-search')!.click()
    await settle()
    const last = listCalls().at(-1)!
    const url = new URL(last, 'http://x')
    expect(url.searchParams.get('q')).toBe('110101198001011234')
    expect(url.searchParams.get('purpose')).toBe('核查案件')
  })

  it('opens a record only after a purpose is given, and reads it with that purpose', async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (url.startsWith('/api/v1/registry/records/21')) return fakeResponse(200, record)
      return fakeResponse(200, { items: [{ ...record, name: '赵*', id_number: '1101**********1234' }], total: 1 })
    })
    mount(() => h(RegistryPage))
    await settle()
    prompt.mockRejectedValueOnce('cancel')
    q('registry-open-21')!.click()
    await settle()
    expect(fetchMock.mock.calls.some((c) => String(c[0]).startsWith('/api/v1/registry/records/21'))).toBe(false)

    prompt.mockResolvedValueOnce({ value: '办理报到', action: 'confirm' })
    q('registry-open-21')!.click()
    await settle()
    expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain(`/api/v1/registry/records/21?purpose=${encodeURIComponent('办理报到')}`)
    expect(q('registry-record-name')?.textContent).toBe('赵某')
    expect(q('registry-checkin-form')).not.toBeNull()
  })

  it('the create dialog warns that a minor-at-offence record is sealed, posts the form and shows a server field error beside its field', async () => {
    fetchMock.mockResolvedValue(fakeResponse(400, { error: { code: 'invalid_id_number', message: '身份证号校验位错误', field: 'id_number' } }))
    const open = ref(false)
    mount(() => h(RecordDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), record: null }))
    open.value = true
    await settle()
    expect(q('registry-dialog')?.textContent).toContain('永不参与从业查询比对')
    await type('registry-name', '赵某')
    await type('registry-id', '110101198001011235')
    await type('registry-authority', '某县人民法院')
    input('registry-minor').click()
    await settle()
    q('registry-save')!.click()
    await settle()
    expect(lastCall()).toMatchObject({
      url: '/api/v1/registry/records',
      method: 'POST',
      body: { name: '赵某', id_number: '110101198001011235', decision_authority: '某县人民法院', minor_at_offence: true, control_status: 'none' },
    })
    await new Promise((r) => setTimeout(r, 150))
    const idItem = q('registry-id')!.closest('.el-form-item')!
    expect(idItem.textContent).toContain('身份证号校验位错误')
    expect(open.value).toBe(true)
  })
})
