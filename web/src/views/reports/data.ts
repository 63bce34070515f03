// 强制报告 as data: the report form (its fields, its checks — the server's rules, so a teacher on a phone is
// told before sending — and the body of POST /reports), the attachment checks, the status/step/outcome
// labels and colours, the outcome's reason rule, and the figures' "<5" counts made plottable.
import type {
  ReportClock,
  ReportCount,
  ReportInput,
  ReportOutcome,
  ReportOverdueLine,
  ReportStats,
  ReportStep,
  ReportSummary,
} from '@/api/reports'
import { REPORT_STEPS, REPORT_TRIGGERS, UNIT_CATEGORIES } from '@/api/reports'
import { fromBeijingInput, toBeijingInput } from '@/views/visits/data'

type T = (key: string, named?: Record<string, unknown>) => string

/** Server limits (reports_service.cpp). */
export const REPORT_LIMITS = {
  seen: 2000,
  child_name: 50,
  child_details: 500,
  suspect: 500,
  reporter_phone: 30,
  note: 1000,
  reason: 200,
  department: 100,
  maxAge: 17,
} as const

/** Attachments: the types the server recognises, its default size cap (policy reports.attachment_max_mb) and count. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
export const ATTACHMENT_MAX_COUNT = 5
export const ATTACHMENT_ACCEPT = 'image/*,application/pdf'

export interface ReportForm {
  trigger: number | null
  seen: string
  /** Beijing wall time, `YYYY-MM-DDTHH:mm` (datetime-local). */
  discovered_at: string
  child_name: string
  child_sex: '' | 'F' | 'M'
  /** Text of the age input ('' unknown). */
  child_age: string
  child_details: string
  suspect: string
  reporter_phone: string
}

export type ReportField = keyof ReportForm
export type ReportErrors = Partial<Record<ReportField, string>>

/** A new form: discovered now, or at the time given (e.g. the visit's), the trigger preselected when valid. */
export function emptyReportForm(now = Date.now(), preset: { trigger?: number | null; discovered_at?: number | null } = {}): ReportForm {
  const at = preset.discovered_at && preset.discovered_at > 0 && preset.discovered_at <= now ? preset.discovered_at : now
  return {
    trigger: validTrigger(preset.trigger) ? (preset.trigger as number) : null,
    seen: '',
    discovered_at: toBeijingInput(at),
    child_name: '',
    child_sex: '',
    child_age: '',
    child_details: '',
    suspect: '',
    reporter_phone: '',
  }
}

export function validTrigger(n: unknown): boolean {
  return typeof n === 'number' && (REPORT_TRIGGERS as readonly number[]).includes(n)
}

/** A query value (`?trigger=9&discovered_at=…`) as a number, or null. */
export function queryNumber(v: unknown): number | null {
  const s = Array.isArray(v) ? v[0] : v
  if (typeof s !== 'string' || !/^\d+$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) ? n : null
}

function length(s: string): number {
  return [...s.trim()].length
}

/** The form's problems by field (empty: it may be sent). */
export function validateReportForm(form: ReportForm, t: T, now = Date.now()): ReportErrors {
  const e: ReportErrors = {}
  if (!validTrigger(form.trigger)) e.trigger = t('reports.errTrigger')
  if (!form.seen.trim()) e.seen = t('reports.errSeen')
  const at = fromBeijingInput(form.discovered_at)
  if (!form.discovered_at.trim()) e.discovered_at = t('reports.errDiscoveredRequired')
  else if (at === undefined) e.discovered_at = t('reports.errDiscoveredInvalid')
  else if (at > now) e.discovered_at = t('reports.errDiscoveredFuture')
  if (form.child_age.trim()) {
    const n = Number(form.child_age.trim())
    if (!Number.isInteger(n) || n < 0 || n > REPORT_LIMITS.maxAge) e.child_age = t('reports.errAge')
  }
  const texts: [ReportField, number][] = [
    ['seen', REPORT_LIMITS.seen],
    ['child_name', REPORT_LIMITS.child_name],
    ['child_details', REPORT_LIMITS.child_details],
    ['suspect', REPORT_LIMITS.suspect],
    ['reporter_phone', REPORT_LIMITS.reporter_phone],
  ]
  for (const [f, max] of texts) {
    if (length(String(form[f])) > max) e[f] = t('reports.errTooLong', { n: max })
  }
  return e
}

/** The body of POST /reports: required fields, then only the optional ones that were filled in, trimmed. */
export function toReportInput(form: ReportForm): ReportInput {
  const at = fromBeijingInput(form.discovered_at)
  if (!validTrigger(form.trigger) || at === undefined) throw new Error('toReportInput: the form is not valid')
  const body: ReportInput = { trigger: form.trigger as number, seen: form.seen.trim(), discovered_at: at }
  const opt = (k: 'child_name' | 'child_details' | 'suspect' | 'reporter_phone') => {
    const v = form[k].trim()
    if (v) body[k] = v
  }
  opt('child_name')
  if (form.child_sex) body.child_sex = form.child_sex
  if (form.child_age.trim()) body.child_age = Number(form.child_age.trim())
  opt('child_details')
  opt('suspect')
  opt('reporter_phone')
  return body
}

/** The form fields an API error names (others go above the button). */
export const FORM_FIELDS: readonly string[] = [
  'trigger',
  'seen',
  'discovered_at',
  'child_name',
  'child_sex',
  'child_age',
  'child_details',
  'suspect',
  'reporter_phone',
]

// ---- attachments

export type AttachmentProblem = 'type' | 'size' | 'count' | null

/** Whether a picked file may be sent as it is: a supported type within the size cap, below the count cap. */
export function attachmentProblem(file: { type: string; size: number }, already: number): AttachmentProblem {
  if (already >= ATTACHMENT_MAX_COUNT) return 'count'
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type'
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size'
  return null
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

// ---- statuses, steps, outcomes

export function statusTagType(status: string | null | undefined): 'info' | 'warning' | 'primary' | 'success' | 'danger' {
  switch (status) {
    case 'received':
      return 'warning'
    case 'accepted':
      return 'primary'
    case 'handling':
      return 'primary'
    case 'concluded':
      return 'success'
    default:
      return 'info'
  }
}

export function statusLabel(t: T, status: string | null | undefined): string {
  return status && ['received', 'accepted', 'handling', 'concluded'].includes(status) ? t(`reportStatus.${status}`) : String(status ?? '')
}

export function outcomeLabel(t: T, outcome: string | null | undefined): string {
  return outcome && ['administrative', 'criminal', 'transferred', 'closed'].includes(outcome) ? t(`reportOutcomes.${outcome}`) : String(outcome ?? '')
}

export function stepLabel(t: T, step: string): string {
  return (REPORT_STEPS as readonly string[]).includes(step) ? t(`reportSteps.${step}`) : step
}

export function triggerShort(t: T, trigger: number): string {
  return validTrigger(trigger) ? t(`reportTriggers.t${trigger}`) : String(trigger)
}

export function categoryLabel(t: T, c: string): string {
  return (UNIT_CATEGORIES as readonly string[]).includes(c) ? t(`reportCategories.${c}`) : c
}

/** Transferred and closed need a reason (transferred: to whom); administrative and criminal do not. */
export function outcomeNeedsReason(outcome: ReportOutcome | '' | null | undefined): boolean {
  return outcome === 'transferred' || outcome === 'closed'
}

/** The outcome dialog's problem, if any: no outcome chosen, a missing reason, or one too long. */
export function outcomeError(t: T, outcome: ReportOutcome | '', reason: string): string {
  if (!outcome) return t('reports.errOutcome')
  if (outcomeNeedsReason(outcome) && !reason.trim()) return t(outcome === 'closed' ? 'reports.errReasonClosed' : 'reports.errReasonTransferred')
  if ([...reason.trim()].length > REPORT_LIMITS.note) return t('reports.errTooLong', { n: REPORT_LIMITS.note })
  return ''
}

/** The steps of a clock that are overdue (red), in order. */
export function overdueSteps(clock: ReportClock): ReportStep[] {
  return REPORT_STEPS.filter((s) => clock[s].overdue)
}

/** The steps of an overdue line the office may still escalate (overdue and not yet escalated). */
export function escalatableSteps(line: ReportOverdueLine): ReportStep[] {
  const done = new Set(line.escalations.map((e) => e.step))
  return REPORT_STEPS.filter((s) => line.clock[s].overdue && !done.has(s) && (line.proposals.length === 0 || line.proposals.includes(s)))
}

/** A to-do item is a police line (with a trigger) or an office overdue line (station and clock only). */
export function isSummary(x: ReportSummary | ReportOverdueLine): x is ReportSummary {
  return 'trigger' in x && 'unit' in x
}

// ---- figures: "<5" counts

export interface CountPoint {
  label: string
  /** The number to plot: the count, 0 for a suppressed one. */
  value: number
  /** The text to show: the count, or "<5". */
  text: string
  suppressed: boolean
}

/** A count as plotted: a number is itself; "<5" (or any non-numeric) plots as 0 and shows as written. */
export function countPoint(label: string, c: ReportCount | null | undefined): CountPoint {
  if (typeof c === 'number' && Number.isFinite(c)) return { label, value: c, text: String(c), suppressed: false }
  if (typeof c === 'string' && /^\d+$/.test(c.trim())) {
    const n = Number(c.trim())
    return { label, value: n, text: String(n), suppressed: false }
  }
  return { label, value: 0, text: c == null ? '0' : String(c), suppressed: c != null }
}

export function triggerPoints(t: T, s: ReportStats): CountPoint[] {
  return REPORT_TRIGGERS.map((n) => countPoint(`${n}. ${triggerShort(t, n)}`, s.by_trigger[String(n)] ?? 0))
}

export function categoryPoints(t: T, s: ReportStats): CountPoint[] {
  const keys = [...UNIT_CATEGORIES.filter((c) => c in s.by_unit_category), ...Object.keys(s.by_unit_category).filter((k) => !(UNIT_CATEGORIES as readonly string[]).includes(k))]
  return keys.map((k) => countPoint(categoryLabel(t, k), s.by_unit_category[k]))
}

export function monthPoints(s: ReportStats): CountPoint[] {
  return Object.keys(s.by_month)
    .sort()
    .map((k) => countPoint(k, s.by_month[k]))
}

/** Whether any count of the figures is suppressed (the page shows a note). */
export function anySuppressed(s: ReportStats): boolean {
  const all: ReportCount[] = [
    s.total,
    ...Object.values(s.by_trigger),
    ...Object.values(s.by_unit_category),
    ...Object.values(s.by_month),
    ...Object.values(s.timeliness).flatMap((r) => [r.numerator, r.denominator]),
  ]
  return all.some((c) => countPoint('', c).suppressed)
}

/** A bar chart of counts: suppressed ones are 0-height bars labelled "<5". */
export function countBarOption(points: readonly CountPoint[], o: { color: string; horizontal?: boolean; name?: string; labelWidth?: number }) {
  const category = {
    type: 'category',
    data: points.map((p) => p.label),
    inverse: o.horizontal ? true : undefined,
    axisLabel: o.horizontal ? { width: o.labelWidth ?? 120, overflow: 'truncate', fontSize: 12 } : { fontSize: 11 },
  }
  const value = { type: 'value', minInterval: 1 }
  return {
    animationDuration: 300,
    grid: { left: 8, right: 32, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const p = points[ps?.[0]?.dataIndex ?? -1]
        return p ? `${p.label}：${p.text}` : ''
      },
    },
    xAxis: o.horizontal ? value : category,
    yAxis: o.horizontal ? category : value,
    series: [
      {
        name: o.name,
        type: 'bar',
        barMaxWidth: 20,
        itemStyle: { color: o.color },
        label: { show: true, position: o.horizontal ? 'right' : 'top', fontSize: 11 },
        data: points.map((p) => ({ value: p.value, label: { formatter: p.text } })),
      },
    ],
  }
}

/** The overdue steps of a police list line as CSS class names ("step-overdue"), for red. */
export function stepClass(clock: ReportClock, step: ReportStep): string {
  const s = clock[step]
  if (s.overdue) return 'step-overdue'
  if (s.late) return 'step-late'
  if (s.done_at) return 'step-done'
  return ''
}

export { toBeijingInput }

/** Where 发起强制报告 of a visit with suspected harm leads: the form, situation 9, discovered at the visit. */
export function reportOfferLocation(visit: { visited_at?: number | null } | null | undefined) {
  const query: Record<string, string> = { trigger: '9' }
  if (visit?.visited_at && visit.visited_at > 0) query.discovered_at = String(visit.visited_at)
  return { path: '/reports/new', query }
}
