// Schemas of the registry page: the record form (create and correct), its rules, and the payloads built
// from it — on correction only what changed, null to clear a nullable field.
import type { FormRules } from 'element-plus'
import type { ControlStatus, RegistryCheckinInput, RegistryRecord, RegistryRecordInput } from '@/api/registry'

type T = (key: string, named?: Record<string, unknown>) => string

export interface RecordForm {
  name: string
  sex: 'M' | 'F' | ''
  id_number: string
  birth_date: string
  record_type: string
  decision_date: string
  decision_authority: string
  minor_at_offence: boolean
  release_date: string
  control_status: ControlStatus
  managing_officer_id: number | null
  next_checkin_due: string
}

export function emptyRecordForm(): RecordForm {
  return {
    name: '',
    sex: '',
    id_number: '',
    birth_date: '',
    record_type: '',
    decision_date: '',
    decision_authority: '',
    minor_at_offence: false,
    release_date: '',
    control_status: 'none',
    managing_officer_id: null,
    next_checkin_due: '',
  }
}

export function formOfRecord(r: RegistryRecord): RecordForm {
  return {
    name: r.name,
    sex: r.sex === 'M' || r.sex === 'F' ? r.sex : '',
    id_number: r.id_number,
    birth_date: r.birth_date ?? '',
    record_type: r.record_type,
    decision_date: r.decision_date,
    decision_authority: r.decision_authority,
    minor_at_offence: r.minor_at_offence,
    release_date: r.release_date ?? '',
    control_status: (r.control_status as ControlStatus) || 'none',
    managing_officer_id: r.managing_officer?.id ?? null,
    next_checkin_due: r.next_checkin_due ?? '',
  }
}

/** POST body: the required fields, the optional ones only when given (sex and birth date default to the ID's). */
export function createRecordPayload(f: RecordForm): RegistryRecordInput {
  const body: RegistryRecordInput = {
    name: f.name.trim(),
    id_number: f.id_number.trim(),
    record_type: f.record_type,
    decision_date: f.decision_date,
    decision_authority: f.decision_authority.trim(),
    minor_at_offence: f.minor_at_offence,
    control_status: f.control_status,
  }
  if (f.sex) body.sex = f.sex
  if (f.birth_date) body.birth_date = f.birth_date
  if (f.release_date) body.release_date = f.release_date
  if (f.managing_officer_id) body.managing_officer_id = f.managing_officer_id
  if (f.next_checkin_due && f.control_status === 'under_control') body.next_checkin_due = f.next_checkin_due
  return body
}

/** PUT body: only the fields that changed; a cleared release date, officer or due date is sent as null. */
export function updateRecordPayload(f: RecordForm, r: RegistryRecord): RegistryRecordInput {
  const before = formOfRecord(r)
  const body: RegistryRecordInput = {}
  if (f.name.trim() !== before.name) body.name = f.name.trim()
  if (f.sex && f.sex !== before.sex) body.sex = f.sex
  if (f.id_number.trim() !== before.id_number) body.id_number = f.id_number.trim()
  if (f.birth_date && f.birth_date !== before.birth_date) body.birth_date = f.birth_date
  if (f.record_type !== before.record_type) body.record_type = f.record_type
  if (f.decision_date !== before.decision_date) body.decision_date = f.decision_date
  if (f.decision_authority.trim() !== before.decision_authority) body.decision_authority = f.decision_authority.trim()
  if (f.minor_at_offence !== before.minor_at_offence) body.minor_at_offence = f.minor_at_offence
  if (f.release_date !== before.release_date) body.release_date = f.release_date || null
  if (f.control_status !== before.control_status) body.control_status = f.control_status
  if (f.managing_officer_id !== before.managing_officer_id) body.managing_officer_id = f.managing_officer_id || null
  const due = f.control_status === 'under_control' ? f.next_checkin_due : ''
  if (due !== before.next_checkin_due) body.next_checkin_due = due || null
  return body
}

export function recordRules(t: T, form: RecordForm): FormRules {
  const req = (key: string) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key) }), trigger: 'blur' }]
  const pick = (key: string) => [{ required: true, message: t('common.requiredSelect', { field: t(key) }), trigger: 'change' }]
  return {
    name: req('registry.name'),
    id_number: req('registry.idNumber'),
    record_type: pick('registry.recordType'),
    decision_date: pick('registry.decisionDate'),
    decision_authority: req('registry.authority'),
    managing_officer_id: [
      {
        validator: (_r: unknown, v: number | null, cb: (e?: Error) => void) =>
          form.control_status === 'under_control' && !v ? cb(new Error(t('registry.officerRequired'))) : cb(),
        trigger: 'change',
      },
    ],
  }
}

/** The form fields a server error's `field` may name. */
export function recordFieldOf(field: string | undefined): keyof RecordForm | null {
  if (!field) return null
  const keys = Object.keys(emptyRecordForm()) as (keyof RecordForm)[]
  return keys.includes(field as keyof RecordForm) ? (field as keyof RecordForm) : null
}

export interface CheckinForm {
  checkin_date: string
  note: string
  next_checkin_due: string
}

export function checkinPayload(f: CheckinForm): RegistryCheckinInput {
  const body: RegistryCheckinInput = {}
  if (f.checkin_date) body.checkin_date = f.checkin_date
  if (f.note.trim()) body.note = f.note.trim()
  if (f.next_checkin_due) body.next_checkin_due = f.next_checkin_due
  return body
}
