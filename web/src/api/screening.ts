// /api/v1/screening: 从业查询 — a unit checks its staff against the offender registry (one person or a sheet,
// written consent confirmed), sees their statuses and the yearly re-check coverage, records the official
// national query; the police decide possible matches; monitoring alerts for the police and the office.
// One function per endpoint. The employer's answers carry a status only, never a registry record.
import { download, http, upload, type UploadOptions } from './request'
import { sheetType } from './children'
import type { RegistryRecordSummary } from './registry'

/** clear 未发现记录, pending_review 待核实, hit 发现记录, invalid_id 身份证号无效. */
export type ScreeningStatus = 'clear' | 'pending_review' | 'hit' | 'invalid_id'
export type OfficialChannel = '教育局' | '公安机关'
export type OfficialOutcome = '未发现' | '发现记录'

/** The answer of a check: one per person (row 1) or per sheet row (the sheet's row number). */
export interface ScreeningOutcome {
  row: number
  name: string
  status: ScreeningStatus | string
}

export interface ScreeningOfficialCheck {
  id: number
  person_id: number
  channel: OfficialChannel | string
  /** The day of the national query (yyyy-mm-dd). */
  date: string
  reference: string
  outcome: OfficialOutcome | string
  recorded_at: number
}

/** A screened person of a unit; the ID number masked. */
export interface ScreeningPerson {
  id: number
  name: string
  id_number: string
  position: string
  hired: boolean
  last_status: ScreeningStatus | string
  last_checked_at: number
  last_official?: ScreeningOfficialCheck | null
}

export interface ScreeningCheckInput {
  /** Default the caller's unit (a school: its own only). */
  unit_id?: number
  name: string
  id_number: string
  position?: string
  hired?: boolean
  /** The person's written consent is on file; the server refuses anything but true. */
  consent_confirmed: boolean
}

export interface ScreeningSheetOptions {
  unit_id?: number | null
  /** The default for rows without 是否在职. */
  hired: boolean
  consent_confirmed: boolean
}

export interface ScreeningOfficialInput {
  channel: OfficialChannel
  date: string
  reference: string
  outcome: OfficialOutcome
}

/** One unit's coverage (unit_id 0 and 合计 on the total row). */
export interface ScreeningCoverageRow {
  unit_id: number
  unit_name: string
  staff: number
  checked_this_year: number
  due: number
  overdue: number
  never: number
}

export interface ScreeningCoverage {
  /** This year's re-check due day. */
  due_date: string
  units: ScreeningCoverageRow[]
  total: ScreeningCoverageRow
}

export interface ScreeningReview {
  id: number
  check_id: number
  status: 'open' | 'confirmed' | 'cleared' | string
  unit: { id: number; name: string }
  person: {
    name: string
    id_number: string
    sex: 'M' | 'F' | string
    birth_date: string
    position: string
    hired: boolean
  }
  created_at: number
  /** The registry records it may match, masked as registry lists are. */
  candidates: RegistryRecordSummary[]
}

export type ReviewDecision = 'confirm' | 'clear'

export interface ScreeningAlert {
  alert_id: number
  unit: { id: number; name: string }
  /** The name masked (first character, then *). */
  person: { id: number; name: string }
  kind: 'hit' | 'pending_review' | string
  status: 'open' | 'closed' | string
  created_at: number
  /** The 督办 opened to the unit for a hit. */
  action_id: number | null
  closed_at: number | null
}

/** POST /screening/checks (silent: the dialog shows the refusal, 429 rate_limited included). */
export function checkPerson(data: ScreeningCheckInput) {
  return http.post<ScreeningOutcome>('/screening/checks', data, { silent: true })
}

/** The query of PUT /screening/checks/sheet: consent and hired as 0/1, the file name, the unit when chosen. */
export function sheetQuery(file: { name: string }, opts: ScreeningSheetOptions) {
  return {
    consent_confirmed: opts.consent_confirmed ? 1 : 0,
    hired: opts.hired ? 1 : 0,
    filename: file.name,
    unit_id: opts.unit_id ?? undefined,
  }
}

/** PUT /screening/checks/sheet with the sheet as the raw body: one status per row (silent: the dialog shows errors). */
export function checkSheet(file: File, opts: ScreeningSheetOptions, progress: Pick<UploadOptions, 'onProgress'> = {}) {
  return upload<{ items: ScreeningOutcome[] }>('PUT', '/screening/checks/sheet', file, {
    query: sheetQuery(file, opts),
    contentType: sheetType(file.name),
    onProgress: progress.onProgress,
    silent: true,
  })
}

/** GET /screening/persons[?unit_id=]: the unit's screened staff (default the caller's unit). */
export function listScreeningPersons(unitId?: number | null) {
  return http.get<{ items: ScreeningPerson[] }>('/screening/persons', { unit_id: unitId ?? undefined })
}

/** POST /screening/persons/{id}/official: the national query made through the education bureau or the police. */
export function recordOfficialCheck(personId: number, data: ScreeningOfficialInput) {
  return http.post<ScreeningOfficialCheck>(`/screening/persons/${personId}/official`, data, { silent: true })
}

/** GET /screening/coverage: the yearly re-check coverage per unit within the caller's scope, and the total. */
export function getScreeningCoverage(opts: { silent?: boolean } = {}) {
  return http.get<ScreeningCoverage>('/screening/coverage', undefined, opts)
}

/** GET /screening/coverage.xlsx: the coverage as a workbook. */
export function exportScreeningCoverage() {
  return download('/screening/coverage.xlsx')
}

/** GET /screening/reviews: the open possible matches, oldest first (police). */
export function listScreeningReviews() {
  return http.get<{ items: ScreeningReview[] }>('/screening/reviews')
}

/** POST /screening/reviews/{id}: confirm (the check becomes hit) or clear; the note is optional. */
export function decideScreeningReview(id: number, decision: ReviewDecision, note?: string) {
  const body: { decision: ReviewDecision; note?: string } = { decision }
  if (note && note.trim()) body.note = note.trim()
  return http.post<ScreeningReview>(`/screening/reviews/${id}`, body)
}

/** GET /screening/alerts: open monitoring alerts within the caller's scope (police, office). */
export function listScreeningAlerts() {
  return http.get<{ items: ScreeningAlert[] }>('/screening/alerts')
}

/** POST /screening/alerts/{id}/close (police), with an optional note. */
export function closeScreeningAlert(id: number, note?: string) {
  return http.post<ScreeningAlert>(`/screening/alerts/${id}/close`, note && note.trim() ? { note: note.trim() } : {})
}
