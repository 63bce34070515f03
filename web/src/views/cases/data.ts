// 案件 as data: the stage order (mirrors cases_rules.cpp may_move — the server still decides), the timeline,
// the forms (open a case, a stage, the suspect, an evidence session) with their checks and request bodies, the
// review's results (not_available is never a pass) and the figures' "<5" counts (the reports module's helpers).
import {
  CASE_STAGES,
  CRIME_TYPES,
  MAIN_STAGES,
  SUPPORT_KINDS,
  SUSPECT_RELATIONS,
  type CaseInput,
  type CaseStage,
  type CaseStageEntry,
  type CaseStats,
  type CaseSummary,
  type CrimeType,
  type EvidenceInput,
  type ReviewCheck,
  type StageInput,
  type SuspectInput,
  type SuspectRelation,
} from '@/api/cases'
import type { Report } from '@/api/reports'
import { countPoint, type CountPoint } from '@/views/reports/data'
import { fromBeijingInput, toBeijingInput } from '@/views/visits/data'
import { formatDate } from '@/utils/time'

type T = (key: string, named?: Record<string, unknown>) => string

/** Server limits (cases_routes.cpp, cases_service.cpp). */
export const CASE_LIMITS = {
  text: 50,
  narrative: 8000,
  court: 400,
  place: 400,
  attendee: 200,
  attendeesMax: 10,
  note: 2000,
  reason: 200,
  maxAge: 17,
} as const

const ID_NUMBER = /^\d{17}[\dXx]$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Today in Beijing, YYYY-MM-DD. */
export function todayDay(now = Date.now()): string {
  return formatDate(now)
}

function len(s: string): number {
  return [...s.trim()].length
}

// ---- labels

export function crimeTypeLabel(t: T, code: string, given?: string): string {
  return (CRIME_TYPES as readonly string[]).includes(code) ? t(`caseCrimeTypes.${code}`) : given || code
}
export function stageLabel(t: T, code: string, given?: string): string {
  return (CASE_STAGES as readonly string[]).includes(code) ? t(`caseStages.${code}`) : given || code
}
export function relationLabel(t: T, code: string): string {
  return (SUSPECT_RELATIONS as readonly string[]).includes(code) ? t(`caseRelations.${code}`) : code
}
export function supportKindLabel(t: T, code: string, given?: string): string {
  return (SUPPORT_KINDS as readonly string[]).includes(code) ? t(`caseSupportKinds.${code}`) : given || code
}
export function sexLabel(t: T, s: string | null | undefined): string {
  return s === 'F' ? t('cases.female') : s === 'M' ? t('cases.male') : t('cases.unknown')
}
export function stageTagType(stage: string): 'info' | 'primary' | 'warning' | 'success' | 'danger' {
  switch (stage) {
    case 'accepted':
      return 'warning'
    case 'filed':
    case 'investigating':
    case 'prosecuting':
      return 'primary'
    case 'judged':
      return 'success'
    default:
      return 'info'
  }
}

// ---- stages

/** The stages that may follow `from` (cases_rules.cpp may_move); empty for a final stage. */
export function nextStages(from: string): CaseStage[] {
  switch (from) {
    case 'accepted':
      return ['filed', 'not_filed']
    case 'filed':
      return ['investigating', 'withdrawn']
    case 'investigating':
      return ['prosecuting', 'withdrawn']
    case 'prosecuting':
      return ['judged']
    default:
      return []
  }
}

export function isFinalStage(stage: string): boolean {
  return stage === 'judged' || stage === 'not_filed' || stage === 'withdrawn'
}

export interface TimelineNode {
  stage: CaseStage
  state: 'done' | 'current' | 'todo'
  entry: CaseStageEntry | null
}

/**
 * The timeline: the main line up to 判决; a case that ended 不立案 or 撤案 shows the stages it went through and
 * then that end (the rest of the main line is not shown).
 */
export function stageTimeline(current: string, entries: readonly CaseStageEntry[]): TimelineNode[] {
  const byStage = new Map(entries.map((e) => [e.stage, e]))
  const offLine = current === 'not_filed' || current === 'withdrawn'
  const stages: CaseStage[] = offLine ? [...MAIN_STAGES.filter((s) => byStage.has(s)), current as CaseStage] : [...MAIN_STAGES]
  return stages.map((s) => ({
    stage: s,
    state: s === current ? 'current' : byStage.has(s) ? 'done' : 'todo',
    entry: byStage.get(s) ?? null,
  }))
}

export interface StageForm {
  stage: CaseStage | ''
  date: string
  /** Judgment only: '' not chosen. */
  convicted: '' | 'yes' | 'no'
  court: string
}

export function emptyStageForm(now = Date.now()): StageForm {
  return { stage: '', date: todayDay(now), convicted: '', court: '' }
}

/** The stage dialog's problem (checked before sending; the server still checks the order and the dates). */
export function stageFormError(t: T, f: StageForm, now = Date.now()): string {
  if (!f.stage) return t('cases.errStage')
  if (!DAY.test(f.date)) return t('cases.errDate')
  if (f.date > todayDay(now)) return t('cases.errDateFuture')
  if (f.stage === 'judged') {
    if (!f.convicted) return t('cases.errConvicted')
    if (f.convicted === 'yes' && !f.court.trim()) return t('cases.errCourt')
    if (len(f.court) > CASE_LIMITS.court) return t('cases.errTooLong', { n: CASE_LIMITS.court })
  }
  return ''
}

/** The body of POST …/stages: the verdict and the court for a judgment only. */
export function toStageInput(f: StageForm): StageInput {
  if (!f.stage) throw new Error('toStageInput: no stage')
  const body: StageInput = { stage: f.stage, date: f.date }
  if (f.stage === 'judged') {
    body.convicted = f.convicted === 'yes'
    if (body.convicted && f.court.trim()) body.court = f.court.trim()
  }
  return body
}

// ---- the suspect

export interface SuspectForm {
  name: string
  id_number: string
  relation: SuspectRelation | ''
  works_with_minors: boolean
  employer_unit_id: number | null
  hired_on: string
}

export function emptySuspectForm(): SuspectForm {
  return { name: '', id_number: '', relation: 'unknown', works_with_minors: false, employer_unit_id: null, hired_on: '' }
}

/** The suspect form of a case: its relation and work in clear; name and ID number only when revealed. */
export function suspectFormOf(c: CaseSummary): SuspectForm {
  return {
    name: c.revealed ? c.suspect.name : '',
    id_number: c.revealed ? c.suspect.id_number : '',
    relation: (SUSPECT_RELATIONS as readonly string[]).includes(c.suspect.relation) ? (c.suspect.relation as SuspectRelation) : 'unknown',
    works_with_minors: c.suspect.works_with_minors,
    employer_unit_id: c.suspect.employer?.id ?? null,
    hired_on: c.suspect.hired_on ?? '',
  }
}

export type SuspectErrors = Partial<Record<keyof SuspectForm, string>>

export function validateSuspect(t: T, f: SuspectForm, now = Date.now()): SuspectErrors {
  const e: SuspectErrors = {}
  if (!f.relation) e.relation = t('cases.errRelation')
  if (len(f.name) > CASE_LIMITS.text) e.name = t('cases.errTooLong', { n: CASE_LIMITS.text })
  if (f.id_number.trim() && !ID_NUMBER.test(f.id_number.trim())) e.id_number = t('cases.errIdNumber')
  if (f.works_with_minors && f.hired_on) {
    if (!DAY.test(f.hired_on)) e.hired_on = t('cases.errDate')
    else if (f.hired_on > todayDay(now)) e.hired_on = t('cases.errDateFuture')
  }
  return e
}

/** The suspect as sent: employer and hire date only with works_with_minors; empty fields left out. */
export function toSuspectInput(f: SuspectForm): SuspectInput {
  const s: SuspectInput = { relation: (f.relation || 'unknown') as SuspectRelation }
  if (f.name.trim()) s.name = f.name.trim()
  if (f.id_number.trim()) s.id_number = f.id_number.trim().toUpperCase()
  if (f.works_with_minors) {
    s.works_with_minors = true
    if (f.employer_unit_id) s.employer_unit_id = f.employer_unit_id
    if (f.hired_on) s.hired_on = f.hired_on
  }
  return s
}

// ---- opening a case

export interface CaseForm {
  crime_type: CrimeType | ''
  accepted_on: string
  narrative: string
  victim_name: string
  victim_sex: '' | 'F' | 'M'
  victim_age: string
  victim_id_number: string
  victim_village_id: number | null
  suspect: SuspectForm
}

/** A new case form; from a report the victim's name, sex and age are taken from the report's child. */
export function emptyCaseForm(report: Pick<Report, 'child'> | null = null, now = Date.now()): CaseForm {
  const child = report?.child
  return {
    crime_type: '',
    accepted_on: todayDay(now),
    narrative: '',
    victim_name: child?.name && !child.name.includes('*') ? child.name : '',
    victim_sex: child?.sex === 'F' || child?.sex === 'M' ? child.sex : '',
    victim_age: child?.age != null ? String(child.age) : '',
    victim_id_number: '',
    victim_village_id: null,
    suspect: emptySuspectForm(),
  }
}

export type CaseErrors = Partial<Record<'crime_type' | 'accepted_on' | 'narrative' | 'victim_name' | 'victim_sex' | 'victim_age' | 'victim_id_number', string>> & {
  suspect?: SuspectErrors
}

export function validateCaseForm(t: T, f: CaseForm, now = Date.now()): CaseErrors {
  const e: CaseErrors = {}
  if (!f.crime_type) e.crime_type = t('cases.errCrimeType')
  if (!DAY.test(f.accepted_on)) e.accepted_on = t('cases.errDate')
  else if (f.accepted_on > todayDay(now)) e.accepted_on = t('cases.errDateFuture')
  if (!f.victim_sex) e.victim_sex = t('cases.errSex')
  if (f.victim_age.trim()) {
    const n = Number(f.victim_age.trim())
    if (!Number.isInteger(n) || n < 0 || n > CASE_LIMITS.maxAge) e.victim_age = t('cases.errAge')
  } else if (!f.victim_id_number.trim()) {
    e.victim_age = t('cases.errAgeOrId')
  }
  if (f.victim_id_number.trim() && !ID_NUMBER.test(f.victim_id_number.trim())) e.victim_id_number = t('cases.errIdNumber')
  if (len(f.victim_name) > CASE_LIMITS.text) e.victim_name = t('cases.errTooLong', { n: CASE_LIMITS.text })
  if (len(f.narrative) > CASE_LIMITS.narrative) e.narrative = t('cases.errTooLong', { n: CASE_LIMITS.narrative })
  const s = validateSuspect(t, f.suspect, now)
  if (Object.keys(s).length) e.suspect = s
  return e
}

export function hasErrors(e: CaseErrors): boolean {
  return Object.keys(e).length > 0
}

/** The body of POST /cases: with the report's id when opened from a report; empty fields left out. */
export function toCaseInput(f: CaseForm, reportId: number | null = null): CaseInput {
  if (!f.crime_type || !f.victim_sex) throw new Error('toCaseInput: the form is not valid')
  const body: CaseInput = {
    crime_type: f.crime_type,
    accepted_on: f.accepted_on,
    victim: { sex: f.victim_sex },
    suspect: toSuspectInput(f.suspect),
  }
  if (reportId) body.report_id = reportId
  if (f.narrative.trim()) body.narrative = f.narrative.trim()
  if (f.victim_name.trim()) body.victim.name = f.victim_name.trim()
  if (f.victim_age.trim()) body.victim.age = Number(f.victim_age.trim())
  if (f.victim_id_number.trim()) body.victim.id_number = f.victim_id_number.trim().toUpperCase()
  if (f.victim_village_id) body.victim.village_id = f.victim_village_id
  return body
}

// ---- evidence

export interface EvidenceForm {
  /** Beijing wall time YYYY-MM-DDTHH:mm. */
  held_at: string
  place: string
  /** One per line (or separated by commas / 、). */
  attendees: string
}

export function emptyEvidenceForm(now = Date.now()): EvidenceForm {
  return { held_at: toBeijingInput(now), place: '', attendees: '' }
}

export function splitAttendees(text: string): string[] {
  return text
    .split(/[\n,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

export function evidenceFormError(t: T, f: EvidenceForm, now = Date.now()): string {
  const at = fromBeijingInput(f.held_at)
  if (at === undefined) return t('cases.errHeldAt')
  if (at > now) return t('cases.errDateFuture')
  if (!f.place.trim()) return t('cases.errPlace')
  if (len(f.place) > CASE_LIMITS.place) return t('cases.errTooLong', { n: CASE_LIMITS.place })
  const who = splitAttendees(f.attendees)
  if (!who.length) return t('cases.errAttendees')
  if (who.length > CASE_LIMITS.attendeesMax) return t('cases.errAttendeesMax', { n: CASE_LIMITS.attendeesMax })
  if (who.some((w) => len(w) > CASE_LIMITS.attendee)) return t('cases.errTooLong', { n: CASE_LIMITS.attendee })
  return ''
}

/** The body of POST …/evidence: exactly held_at, place and attendees — nothing of what was said. */
export function toEvidenceInput(f: EvidenceForm): EvidenceInput {
  const at = fromBeijingInput(f.held_at)
  if (at === undefined) throw new Error('toEvidenceInput: bad time')
  return { held_at: at, place: f.place.trim(), attendees: splitAttendees(f.attendees) }
}

// ---- the review

export interface ReviewTally {
  pass: number
  fail: number
  not_available: number
}

/** The result as shown: only "pass" is a pass; anything else that is not "fail" is not_available. */
export function reviewResult(r: string): 'pass' | 'fail' | 'not_available' {
  return r === 'pass' ? 'pass' : r === 'fail' ? 'fail' : 'not_available'
}

export function reviewTally(checks: readonly ReviewCheck[]): ReviewTally {
  const out: ReviewTally = { pass: 0, fail: 0, not_available: 0 }
  for (const c of checks) out[reviewResult(c.result)]++
  return out
}

/** Failed checks first, then the ones that could not be checked, then the passes. */
export function sortedChecks(checks: readonly ReviewCheck[]): ReviewCheck[] {
  const rank = { fail: 0, not_available: 1, pass: 2 }
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank[reviewResult(a.c.result)] - rank[reviewResult(b.c.result)] || a.i - b.i)
    .map((x) => x.c)
}

/** Whether a 督办 may be raised from a check: failed, naming a unit, none raised yet. */
export function actionable(c: ReviewCheck): boolean {
  return reviewResult(c.result) === 'fail' && !!c.unit && !c.action_id
}

/** A case number typed by the office ("#12", " 12 "), or null. */
export function parseCaseId(text: string): number | null {
  const m = /^#?\s*(\d{1,12})$/.exec(text.trim())
  if (!m) return null
  const n = Number(m[1])
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

// ---- the figures

export function crimeTypePoints(t: T, s: CaseStats): CountPoint[] {
  const keys = [...CRIME_TYPES.filter((k) => k in s.by_crime_type), ...Object.keys(s.by_crime_type).filter((k) => !(CRIME_TYPES as readonly string[]).includes(k))]
  return keys.map((k) => countPoint(crimeTypeLabel(t, k), s.by_crime_type[k]))
}

export function stagePoints(t: T, s: CaseStats): CountPoint[] {
  const keys = [...CASE_STAGES.filter((k) => k in s.by_stage), ...Object.keys(s.by_stage).filter((k) => !(CASE_STAGES as readonly string[]).includes(k))]
  return keys.map((k) => countPoint(stageLabel(t, k), s.by_stage[k]))
}

export function anyCaseSuppressed(s: CaseStats): boolean {
  return [s.total, ...Object.values(s.by_crime_type), ...Object.values(s.by_stage)].some((c) => countPoint('', c).suppressed)
}

// ---- the list

export interface CaseFilter {
  crime_type: CrimeType | ''
  stage: CaseStage | ''
  /** Case number, village or station. */
  q: string
}

export function filterCases<T extends CaseSummary>(items: readonly T[], f: CaseFilter): T[] {
  const q = f.q.trim().replace(/^#/, '')
  return items.filter(
    (c) =>
      (!f.crime_type || c.crime_type === f.crime_type) &&
      (!f.stage || c.stage === f.stage) &&
      (!q || String(c.id) === q || (c.victim.village?.name ?? '').includes(q) || c.station.name.includes(q)),
  )
}
