// /api/v1/cases: 案件 and 倒查 (cases and the case review). The handling police list, open (from a report they
// handle, or directly), read and work a case — victim and suspect identity masked until revealed with a reason;
// the judicial office (and the police) list and close the victim support items assigned to them; the office,
// leaders and police read the figures ("<5" outside the police); the police and the office read a case's review
// and the review list (倒查清单), and the office raises a 通报提醒 from a failed check. One function per endpoint (cases_routes.cpp).
import { http } from './request'
import type { UnitRef } from './types'

export type CrimeType =
  | 'rape'
  | 'forcible_indecency'
  | 'child_molestation'
  | 'organising_prostitution'
  | 'forcing_prostitution'
  | 'procuring_prostitution'
  | 'luring_girls_prostitution'
  | 'custodial_sexual_assault'
  | 'other'
/** The crime types of the plan (方案 四(二)3) and 其他, in display order (cases_rules.cpp). */
export const CRIME_TYPES: readonly CrimeType[] = [
  'rape',
  'forcible_indecency',
  'child_molestation',
  'organising_prostitution',
  'forcing_prostitution',
  'procuring_prostitution',
  'luring_girls_prostitution',
  'custodial_sexual_assault',
  'other',
]

export type CaseStage = 'accepted' | 'filed' | 'investigating' | 'prosecuting' | 'judged' | 'not_filed' | 'withdrawn'
/** The main line 受案 → 立案 → 侦查 → 移送起诉 → 判决. */
export const MAIN_STAGES: readonly CaseStage[] = ['accepted', 'filed', 'investigating', 'prosecuting', 'judged']
/** Every stage: the main line, then the two other ends 不立案 and 撤案. */
export const CASE_STAGES: readonly CaseStage[] = [...MAIN_STAGES, 'not_filed', 'withdrawn']

export type SuspectRelation =
  | 'family'
  | 'relative'
  | 'teacher'
  | 'caregiver'
  | 'neighbour'
  | 'acquaintance'
  | 'online'
  | 'stranger'
  | 'other'
  | 'unknown'
export const SUSPECT_RELATIONS: readonly SuspectRelation[] = [
  'family',
  'relative',
  'teacher',
  'caregiver',
  'neighbour',
  'acquaintance',
  'online',
  'stranger',
  'other',
  'unknown',
]

export type SupportKind = 'legal_aid' | 'psychological' | 'medical' | 'financial' | 'school_return'
export const SUPPORT_KINDS: readonly SupportKind[] = ['legal_aid', 'psychological', 'medical', 'financial', 'school_return']

export type RegistryLinkStatus = 'none' | 'created' | 'no_id_number' | 'not_applicable' | 'acquitted'
export type ReviewResult = 'pass' | 'fail' | 'not_available'

// ---- inputs

/** The victim as entered: sex required; age (0–17), birth date or ID number; the rest optional. */
export interface VictimInput {
  name?: string
  sex: 'F' | 'M'
  age?: number
  /** YYYY-MM-DD */
  birth_date?: string
  id_number?: string
  /** A village unit. */
  village_id?: number
  /** The child in the ledger. */
  child_id?: number
}

/** The suspect as entered: the relation is required; PUT …/suspect replaces all of it. */
export interface SuspectInput {
  name?: string
  id_number?: string
  relation: SuspectRelation
  works_with_minors?: boolean
  /** Only with works_with_minors. */
  employer_unit_id?: number
  /** YYYY-MM-DD, only with works_with_minors. */
  hired_on?: string
}

/** POST /cases: from a report the caller handles (report_id; the station is the report's), or directly. */
export interface CaseInput {
  report_id?: number
  /** Without a report: default the caller's unit. */
  station_id?: number
  /** The code (or the Chinese label). */
  crime_type: CrimeType | string
  /** 受案日期 YYYY-MM-DD, not in the future. */
  accepted_on: string
  /** 简要案情 (encrypted at rest). */
  narrative?: string
  victim: VictimInput
  suspect: SuspectInput
}

/** POST /cases/{id}/stages: the judgment needs `convicted`, a conviction `court`. There is no note field. */
export interface StageInput {
  stage: CaseStage
  /** YYYY-MM-DD, not in the future, not before the previous stage's. */
  date: string
  convicted?: boolean
  court?: string
  /** Default: the suspect was under 18 on the accepted date. */
  minor_at_offence?: boolean
}

/** POST /cases/{id}/evidence: when, where, who attended — never what was said (no such field). */
export interface EvidenceInput {
  /** Epoch ms, not in the future. */
  held_at: number
  place: string
  /** 1–10 roles or names of those present. */
  attendees: string[]
}

// ---- answers

export interface CaseStageEntry {
  stage: CaseStage | string
  label: string
  date: string
  convicted: boolean | null
  court: string | null
  recorded_at: number
}

export interface CaseEvidence {
  id: number
  held_at: number
  place: string
  attendees: string[]
  recorded_at: number
}

/** A victim support item; the judicial office sees its own with the case's crime type and station only. */
export interface SupportItem {
  id: number
  case_id: number
  kind: SupportKind | string
  kind_label: string
  unit: UnitRef
  status: 'open' | 'closed' | string
  opened_at: number
  closed_at: number | null
  close_note: string | null
  crime_type: CrimeType | string
  crime_type_label: string
  station: { name: string }
}

/** A case as the police see it: identities masked unless `revealed` (the answer of POST …/reveal). */
export interface CaseSummary {
  id: number
  station: UnitRef
  crime_type: CrimeType | string
  crime_type_label: string
  stage: CaseStage | string
  stage_label: string
  accepted_on: string
  report_ids: number[]
  revealed: boolean
  victim: {
    name: string
    sex: 'F' | 'M' | string
    age: number | null
    id_number: string
    village: UnitRef | null
    child_id: number | null
    /** Revealed only. */
    birth_date?: string
  }
  /** "***" when there is one (masked), the text when revealed, null when none. */
  narrative: string | null
  suspect: {
    name: string
    id_number: string
    relation: SuspectRelation | string
    works_with_minors: boolean
    employer: UnitRef | null
    hired_on: string | null
  }
  registry: { status: RegistryLinkStatus | string; record_id: number | null }
  created_at: number
  updated_at: number
}

/** One case in full: with its stages, evidence sessions and support items. */
export interface Case extends CaseSummary {
  stages: CaseStageEntry[]
  evidence: CaseEvidence[]
  support: SupportItem[]
}

/** The case_support section of GET /todo (cases:support:list): the open items, without closing notes. */
export interface TodoCaseSupport {
  open: number
  items: SupportItem[]
}

/** An exact count, or "<N" for 1 ≤ count < N outside the police. */
export type CaseCount = number | string

export interface CaseStats {
  /** 0 for the police (exact counts). */
  suppressed_below: number
  total: CaseCount
  by_crime_type: Record<string, CaseCount>
  by_stage: Record<string, CaseCount>
}

/** One check of the review: a failed one names the unit that answers for it; not_available is never a pass. */
export interface ReviewCheck {
  /** Stable: report_timely:<unit>, unit_reported:<unit>, child_in_ledger, care_team_complete, … */
  key: string
  label: string
  result: ReviewResult | string
  unit: UnitRef | null
  detail: string
  /** The supervision action raised from it, if any. */
  action_id: number | null
}

export interface CaseReview {
  case_id: number
  late_report_hours: number
  checks: ReviewCheck[]
}

/** A failed check as the review list shows it: what failed, the unit that answers for it, its 督办 if raised. */
export interface ReviewFailure {
  key: string
  label: string
  unit: UnitRef | null
  action_id: number | null
}

/** A case in the review list (倒查清单): station, month accepted, stage and the review's tally — no crime type,
 * no victim, no suspect. */
export interface CaseReviewLine {
  case_id: number
  station: UnitRef
  /** YYYY-MM: the month only. */
  accepted_month: string
  stage: CaseStage | string
  checks: { pass: number; fail: number; not_available: number }
  failed: ReviewFailure[]
}

/** The answer of POST …/review/actions: the review, with the new action's id. */
export interface CaseReviewAction extends CaseReview {
  action_id: number | null
}

// ---- the police

/** GET /cases: the cases of the caller's stations (masked, without stages). */
export function listCases() {
  return http.get<{ items: CaseSummary[] }>('/cases')
}

/** POST /cases (silent: the dialog shows the refusal). */
export function createCase(input: CaseInput) {
  return http.post<Case>('/cases', input, { silent: true })
}

/** GET /cases/{id}: one case in full (audited). */
export function getCase(id: number) {
  return http.get<Case>(`/cases/${id}`)
}

/** POST /cases/{id}/reveal {reason}: the case with the victim's and suspect's identity and the narrative. */
export function revealCase(id: number, reason: string) {
  return http.post<Case>(`/cases/${id}/reveal`, { reason: reason.trim() })
}

/** POST /cases/{id}/stages (silent: the dialog shows the server's refusal, e.g. invalid_stage_order). */
export function addCaseStage(id: number, input: StageInput) {
  return http.post<Case>(`/cases/${id}/stages`, input, { silent: true })
}

/** PUT /cases/{id}/suspect {suspect}: replaces the suspect (silent: the dialog shows errors). */
export function updateCaseSuspect(id: number, suspect: SuspectInput) {
  return http.put<Case>(`/cases/${id}/suspect`, { suspect }, { silent: true })
}

/** POST /cases/{id}/reports {report_id}: links a further report of the same harm. */
export function linkCaseReport(id: number, reportId: number) {
  return http.post<Case>(`/cases/${id}/reports`, { report_id: reportId }, { silent: true })
}

/** POST /cases/{id}/evidence: a one-stop evidence session (silent: the dialog shows errors). */
export function addCaseEvidence(id: number, input: EvidenceInput) {
  return http.post<CaseEvidence>(`/cases/${id}/evidence`, input, { silent: true })
}

/** POST /cases/{id}/support {kind, unit_id}: a support item assigned to a unit (legal aid: a 司法所). */
export function addCaseSupport(id: number, kind: SupportKind, unitId: number) {
  return http.post<SupportItem>(`/cases/${id}/support`, { kind, unit_id: unitId }, { silent: true })
}

// ---- support items (the judicial office, the police)

/** GET /case-support-items: the items assigned to the caller's unit (judicial) or of his cases (police). */
export function listSupportItems() {
  return http.get<{ items: SupportItem[] }>('/case-support-items')
}

/** POST /case-support-items/{id}/close {note}: closes an open item with what was provided. */
export function closeSupportItem(id: number, note: string) {
  return http.post<SupportItem>(`/case-support-items/${id}/close`, { note: note.trim() })
}

// ---- figures and the review

/** GET /cases/stats: counts by crime type and stage. */
export function getCaseStats() {
  return http.get<CaseStats>('/cases/stats')
}

/** GET /cases/reviews: every case in scope with its review's tally and failed checks, newest first. */
export function listCaseReviews() {
  return http.get<{ items: CaseReviewLine[] }>('/cases/reviews')
}

/** GET /cases/{id}/review (silent: the page says "not found" itself). */
export function getCaseReview(id: number) {
  return http.get<CaseReview>(`/cases/${id}/review`, undefined, { silent: true })
}

/** POST /cases/{id}/review/actions {key}: a 通报提醒 to the failed check's unit (office; silent: 409 handled). */
export function openReviewAction(id: number, key: string) {
  return http.post<CaseReviewAction>(`/cases/${id}/review/actions`, { key }, { silent: true })
}
