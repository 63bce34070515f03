// /api/v1/registry: 性侵违法犯罪人员信息库 (police only) — the masked list (a search needs a purpose), one
// record in full for a stated purpose, create and correct, check-ins of persons under control, and the
// check-ins due. One function per endpoint; every read is audited by the server with its purpose.
import { http } from './request'
import type { ListResult } from './types'

export type RecordType =
  | 'rape'
  | 'forcible_indecency'
  | 'child_molestation'
  | 'organising_prostitution'
  | 'forcing_prostitution'
  | 'procuring_prostitution'
  | 'luring_girls_prostitution'
  | 'custodial_sexual_assault'
  | 'relative_non_prosecution'
  | 'indecency_penalty'
  | 'abuse'
  | 'trafficking'
  | 'violent_injury'

export type ControlStatus = 'none' | 'under_control' | 'ended'

export interface RegistryOfficer {
  id: number
  name: string
}

/** A list item: name and ID number masked, no birth date. */
export interface RegistryRecordSummary {
  id: number
  name: string
  sex: 'M' | 'F' | string
  id_number: string
  record_type: RecordType | string
  record_type_label: string
  decision_date: string
  decision_authority: string
  minor_at_offence: boolean
  /** The same as minor_at_offence: 犯罪记录封存, never matched. */
  sealed: boolean
  release_date: string | null
  control_status: ControlStatus | string
  control_status_label: string
  managing_officer: RegistryOfficer | null
  next_checkin_due: string | null
  created_at: number
  updated_at: number
}

export interface RegistryCheckin {
  id: number
  checkin_date: string
  officer: RegistryOfficer | null
  note: string | null
  created_at: number
}

/** The full record (GET /records/{id}?purpose=): plain name and ID number, check-ins newest first. */
export interface RegistryRecord extends RegistryRecordSummary {
  birth_date: string
  checkins: RegistryCheckin[]
}

/** Create / correct body; on update fields left out are unchanged, null clears the nullable ones. */
export interface RegistryRecordInput {
  name?: string
  sex?: 'M' | 'F'
  id_number?: string
  birth_date?: string
  record_type?: RecordType | string
  decision_date?: string
  decision_authority?: string
  minor_at_offence?: boolean
  release_date?: string | null
  control_status?: ControlStatus
  managing_officer_id?: number | null
  next_checkin_due?: string | null
}

export interface RegistryQuery {
  /** A whole ID number or a whole name; needs `purpose`. */
  q?: string
  purpose?: string
  record_type?: RecordType | ''
  control_status?: ControlStatus | ''
  page?: number
  page_size?: number
}

export interface RegistryCheckinInput {
  checkin_date?: string
  note?: string
  next_checkin_due?: string
}

export interface RegistryDueCheckin {
  record_id: number
  name: string
  id_number: string
  record_type: RecordType | string
  record_type_label: string
  managing_officer: RegistryOfficer | null
  next_checkin_due: string
  /** Negative when overdue. */
  days_left: number
  status: 'overdue' | 'due_soon' | string
}

/** GET /registry/records: `{items, total}`, masked; the server answers 400 required/purpose for q without purpose. */
export function listRegistryRecords(query: RegistryQuery = {}) {
  return http.get<ListResult<RegistryRecordSummary>>('/registry/records', { ...query })
}

/** GET /registry/records/{id}?purpose=: the record in full with its check-ins. */
export function getRegistryRecord(id: number, purpose: string) {
  return http.get<RegistryRecord>(`/registry/records/${id}`, { purpose })
}

/** POST /registry/records (silent: the dialog shows a field error beside its field). */
export function createRegistryRecord(data: RegistryRecordInput) {
  return http.post<RegistryRecord>('/registry/records', data, { silent: true })
}

/** PUT /registry/records/{id} (silent, as create). */
export function updateRegistryRecord(id: number, data: RegistryRecordInput) {
  return http.put<RegistryRecord>(`/registry/records/${id}`, data, { silent: true })
}

/** POST /registry/records/{id}/checkins: a check-in by the caller; 409 not_under_control otherwise. */
export function createRegistryCheckin(id: number, data: RegistryCheckinInput) {
  return http.post<RegistryCheckin>(`/registry/records/${id}/checkins`, data)
}

/** GET /registry/checkins/due[?mine=1]: persons under control due soon or overdue, soonest first. */
export function listDueCheckins(mine = false) {
  return http.get<{ items: RegistryDueCheckin[] }>('/registry/checkins/due', { mine: mine ? 1 : undefined })
}
