// /api/v1/reports: 强制报告 (mandatory reports) — a mandated unit's user submits a report and follows it by
// its receipt code (status and times only, attachments, 备案); the police list, read, accept, feed back and
// decide, and read the reporter's identity with a reason; the office sees overdue steps (station and clock
// only) and escalates them; figures with small counts suppressed ("<5"). One function per endpoint.
import { API_BASE, http, upload, type UploadOptions } from './request'
import type { UnitRef } from './types'

export type ReportStatus = 'received' | 'accepted' | 'handling' | 'concluded'
export const REPORT_STATUSES: readonly ReportStatus[] = ['received', 'accepted', 'handling', 'concluded']
export type ReportOutcome = 'administrative' | 'criminal' | 'transferred' | 'closed'
export const REPORT_OUTCOMES: readonly ReportOutcome[] = ['administrative', 'criminal', 'transferred', 'closed']
export type ReportStep = 'accept' | 'feedback' | 'outcome'
export const REPORT_STEPS: readonly ReportStep[] = ['accept', 'feedback', 'outcome']
export type UnitCategory =
  | 'village'
  | 'school'
  | 'kindergarten'
  | 'training'
  | 'medical'
  | 'welfare'
  | 'hotel'
  | 'state_organ'
  | 'other'
export const UNIT_CATEGORIES: readonly UnitCategory[] = [
  'village',
  'school',
  'kindergarten',
  'training',
  'medical',
  'welfare',
  'hotel',
  'state_organ',
  'other',
]
/** The nine situations of 2020 意见 第4条. */
export const REPORT_TRIGGERS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const

/** POST /reports: only trigger, seen and discovered_at are required; the child's name is not. */
export interface ReportInput {
  trigger: number
  seen: string
  /** Epoch ms; not in the future. */
  discovered_at: number
  unit_id?: number
  unit_category?: UnitCategory
  child_name?: string
  child_sex?: 'F' | 'M'
  child_age?: number
  /** School, class, address — whatever identifies the child. */
  child_details?: string
  suspect?: string
  reporter_phone?: string
}

/** What the reporting unit sees: status and times, never a detail of the case. */
export interface ReportReceipt {
  receipt_code: string
  status: ReportStatus | string
  outcome: ReportOutcome | string | null
  reported_at: number
  /** Reported more than reports.late_report_hours after the discovery (fixed at submission). */
  late: boolean
  accepted_at: number | null
  feedback_at: number | null
  outcome_at: number | null
  filed_at: number | null
  filed_department: string | null
}

/** The answer of POST /reports: the receipt and the report's id. */
export interface ReportSubmitted extends ReportReceipt {
  id: number
}

export interface ReportStepClock {
  /** Null until the step can start (feedback, outcome: after acceptance). */
  due_at: number | null
  done_at: number | null
  /** Due time passed and not done (red). */
  overdue: boolean
  /** Done after its due time. */
  late: boolean
}

export interface ReportClock {
  late_report: boolean
  late_report_hours: number
  accept: ReportStepClock
  feedback: ReportStepClock
  outcome: ReportStepClock
  overdue: boolean
}

export interface ReportEscalation {
  step: ReportStep | string
  /** The supervision action (通报提醒) addressed to the station. */
  action_id: number
  created_at: number
}

/** A report as the police list it: the child's name masked, no narrative, never the reporter. */
export interface ReportSummary {
  id: number
  unit: UnitRef
  unit_category: UnitCategory | string
  station: { id: number | null; name: string }
  trigger: number
  trigger_label: string
  discovered_at: number
  reported_at: number
  late: boolean
  status: ReportStatus | string
  outcome: ReportOutcome | string | null
  filed_at: number | null
  filed_department: string | null
  attachment_count: number
  child: { name: string; sex: string; age: number | null; details?: string }
  clock: ReportClock
}

export interface ReportAttachment {
  id: number
  filename: string
  content_type: string
  size: number
  created_at: number
}

export interface ReportEvent {
  kind: 'created' | 'attachment' | 'accepted' | 'outcome' | 'feedback' | 'filed' | 'escalated' | string
  detail: string
  note: string | null
  at: number
}

/** One report in full for the handling police; `reporter` is always hidden. */
export interface Report extends ReportSummary {
  seen: string
  suspect: string
  attachments: ReportAttachment[]
  events: ReportEvent[]
  escalations: ReportEscalation[]
  reporter: { name: string; hidden: boolean }
}

/** The reporter's identity (POST …/reporter with a reason; audited). */
export interface ReportReporter {
  report_id: number
  user_id: number
  username: string
  name: string
  phone: string
  unit: UnitRef
}

/** The office's view of an overdue report: station and clock only. */
export interface ReportOverdueLine {
  id: number
  station: { id: number | null; name: string }
  status: ReportStatus | string
  reported_at: number
  clock: ReportClock
  escalations: ReportEscalation[]
  /** Overdue steps not yet escalated. */
  proposals: (ReportStep | string)[]
}

/** An exact count, or "<N" for 1 ≤ count < N outside the police. */
export type ReportCount = number | string

export interface ReportRate {
  numerator: ReportCount
  denominator: ReportCount
  /** One decimal; null when the denominator is 0 or suppressed. */
  percent: number | null
}

export interface ReportStats {
  /** 0 for the police (exact counts). */
  suppressed_below: number
  total: ReportCount
  /** Keys "1"–"9". */
  by_trigger: Record<string, ReportCount>
  by_unit_category: Record<string, ReportCount>
  /** Keys YYYY-MM. */
  by_month: Record<string, ReportCount>
  timeliness: {
    reported_in_time: ReportRate
    accepted_in_time: ReportRate
    feedback_in_time: ReportRate
  }
}

/** The reports section of GET /todo: ReportSummary items for the police, ReportOverdueLine for the office. */
export interface TodoReports {
  unaccepted: number
  overdue: number
  items: (ReportSummary | ReportOverdueLine)[]
}

export interface ReportQuery {
  status?: ReportStatus | ''
  overdue?: boolean
}

// ---- the reporting unit

/** POST /reports (silent: the form shows the refusal beside its field). */
export function submitReport(input: ReportInput) {
  return http.post<ReportSubmitted>('/reports', input, { silent: true })
}

/** GET /reports/receipts: the receipts of the caller's reporting units, newest first. */
export function listReportReceipts() {
  return http.get<{ items: ReportReceipt[] }>('/reports/receipts')
}

/** GET /reports/receipts/{code} (silent: an unknown code is answered 404 and the page says so). */
export function getReportReceipt(code: string) {
  return http.get<ReportReceipt>(`/reports/receipts/${encodeURIComponent(code.trim())}`, undefined, { silent: true })
}

/** POST /reports/receipts/{code}/attachments?filename= with the file as the raw body (silent: the form shows errors). */
export function uploadReportAttachment(code: string, file: Blob, filename: string, progress: Pick<UploadOptions, 'onProgress'> = {}) {
  return upload<ReportAttachment>('POST', `/reports/receipts/${encodeURIComponent(code)}/attachments`, file, {
    query: { filename },
    contentType: file.type || 'application/octet-stream',
    onProgress: progress.onProgress,
    silent: true,
  })
}

/** POST /reports/receipts/{code}/filing: the unit's 备案 with its supervising department (once). */
export function recordReportFiling(code: string, department: string) {
  return http.post<ReportReceipt>(`/reports/receipts/${encodeURIComponent(code)}/filing`, { department: department.trim() }, { silent: true })
}

// ---- the police

/** GET /reports[?status=&overdue=1]: the reports of the caller's stations, newest first. */
export function listReports(q: ReportQuery = {}) {
  return http.get<{ items: ReportSummary[] }>('/reports', { status: q.status || undefined, overdue: q.overdue ? 1 : undefined })
}

/** GET /reports/{id}: one report in full (never its reporter). */
export function getReport(id: number) {
  return http.get<Report>(`/reports/${id}`)
}

function noteBody(note?: string): Record<string, string> {
  return note && note.trim() ? { note: note.trim() } : {}
}

/** POST /reports/{id}/accept with an optional note (police only). */
export function acceptReport(id: number, note?: string) {
  return http.post<Report>(`/reports/${id}/accept`, noteBody(note))
}

/** POST /reports/{id}/feedback: feedback given to the reporting unit, with an optional note. */
export function recordReportFeedback(id: number, note?: string) {
  return http.post<Report>(`/reports/${id}/feedback`, noteBody(note))
}

/** POST /reports/{id}/outcome: the reason is required for transferred and closed (silent: the dialog shows it). */
export function recordReportOutcome(id: number, outcome: ReportOutcome, reason?: string) {
  const body: { outcome: ReportOutcome; reason?: string } = { outcome }
  if (reason && reason.trim()) body.reason = reason.trim()
  return http.post<Report>(`/reports/${id}/outcome`, body, { silent: true })
}

/** POST /reports/{id}/reporter with the reason: the reporter's identity (audited with the reason). */
export function readReportReporter(id: number, reason: string) {
  return http.post<ReportReporter>(`/reports/${id}/reporter`, { reason: reason.trim() })
}

/** The address of an attachment's bytes (GET /report-attachments/{id}, audited). */
export function reportAttachmentUrl(id: number): string {
  return `${API_BASE}/report-attachments/${id}`
}

// ---- the office and the figures

/** GET /reports/overdue: reports with an overdue step, oldest first (station and clock only). */
export function listOverdueReports() {
  return http.get<{ items: ReportOverdueLine[] }>('/reports/overdue')
}

/** POST /reports/{id}/escalate {step}: opens a 通报提醒 to the station (office, township grant). */
export function escalateReport(id: number, step: ReportStep) {
  return http.post<ReportEscalation>(`/reports/${id}/escalate`, { step })
}

/** GET /reports/stats[?year=]. */
export function getReportStats(year?: number | null) {
  return http.get<ReportStats>('/reports/stats', { year: year ?? undefined })
}
