// The visit form as data: its fields, validation (the server's rules, checked before saving so that a phone
// offline does not keep a visit the server will refuse), the body of a create or an edit, and the to-do's
// ordering of due visits.
import type { Visit, VisitDueItem, VisitInput, VisitMethod } from '@/api/visits'
import { VISIT_METHODS } from '@/api/visits'

type T = (key: string, named?: Record<string, unknown>) => string

/** Texts are at most this many characters (server: visit_routes kMaxText). */
export const VISIT_TEXT_MAX = 2000
/** A phone's clock may run fast: the server accepts a visit up to 10 minutes in the future. */
export const VISIT_FUTURE_TOLERANCE_MS = 10 * 60 * 1000

export interface VisitForm {
  /** Beijing wall time, `YYYY-MM-DDTHH:mm` (the value of an <input type="datetime-local">). */
  visited_at: string
  method: VisitMethod | ''
  findings: string
  risks: string
  follow_up: string
  urgent: boolean
  suspected_harm: boolean
}

export type VisitField = keyof VisitForm
export type VisitErrors = Partial<Record<VisitField, string>>

const BEIJING_OFFSET_MS = 8 * 3600 * 1000

/** Epoch ms as Beijing wall time for a datetime-local input (minutes; seconds dropped). */
export function toBeijingInput(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** A datetime-local value read as Beijing wall time; undefined when malformed. */
export function fromBeijingInput(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!m) return undefined
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS
  const back = new Date(ms + BEIJING_OFFSET_MS)
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return ms
}

export function emptyVisitForm(now = Date.now()): VisitForm {
  return { visited_at: toBeijingInput(now), method: '', findings: '', risks: '', follow_up: '', urgent: false, suspected_harm: false }
}

export function formFromVisit(v: Visit): VisitForm {
  return {
    visited_at: toBeijingInput(v.visited_at),
    method: (VISIT_METHODS as readonly string[]).includes(v.method) ? (v.method as VisitMethod) : '',
    findings: v.findings ?? '',
    risks: v.risks ?? '',
    follow_up: v.follow_up ?? '',
    urgent: !!v.urgent,
    suspected_harm: !!v.suspected_harm,
  }
}

/** The form's problems by field (empty when it may be saved). */
export function validateVisitForm(form: VisitForm, t: T, now = Date.now()): VisitErrors {
  const errors: VisitErrors = {}
  const at = fromBeijingInput(form.visited_at)
  if (!form.visited_at.trim()) errors.visited_at = t('visits.errWhenRequired')
  else if (at === undefined) errors.visited_at = t('visits.errWhenInvalid')
  else if (at > now + VISIT_FUTURE_TOLERANCE_MS) errors.visited_at = t('visits.errWhenFuture')
  if (!form.method) errors.method = t('visits.errMethodRequired')
  else if (!(VISIT_METHODS as readonly string[]).includes(form.method)) errors.method = t('visits.errMethodRequired')
  if (!form.findings.trim()) errors.findings = t('visits.errFindingsRequired')
  for (const f of ['findings', 'risks', 'follow_up'] as const) {
    if (form[f].length > VISIT_TEXT_MAX) errors[f] = t('visits.errTooLong', { n: VISIT_TEXT_MAX })
  }
  return errors
}

function optText(v: string): string | null {
  const s = v.trim()
  return s ? s : null
}

/** The body of a new visit. */
export function toVisitInput(form: VisitForm): VisitInput {
  return {
    visited_at: fromBeijingInput(form.visited_at),
    method: form.method,
    findings: form.findings.trim(),
    risks: optText(form.risks),
    follow_up: optText(form.follow_up),
    urgent: form.urgent,
    suspected_harm: form.suspected_harm,
  }
}

/** The fields of an edit that differ from the visit it is based on (the edit sends only those). */
export function changedFields(form: VisitForm, base: Visit): VisitInput {
  const next = toVisitInput(form)
  const out: VisitInput = {}
  if (form.visited_at !== toBeijingInput(base.visited_at)) out.visited_at = next.visited_at
  if (next.method !== base.method) out.method = next.method
  if (next.findings !== base.findings) out.findings = next.findings
  if (next.risks !== (base.risks ?? null)) out.risks = next.risks
  if (next.follow_up !== (base.follow_up ?? null)) out.follow_up = next.follow_up
  if (next.urgent !== !!base.urgent) out.urgent = next.urgent
  if (next.suspected_harm !== !!base.suspected_harm) out.suspected_harm = next.suspected_harm
  return out
}

/** The fields the conflict dialog compares, in order. */
export const COMPARED_FIELDS = ['visited_at', 'method', 'findings', 'risks', 'follow_up', 'urgent', 'suspected_harm'] as const
export type ComparedField = (typeof COMPARED_FIELDS)[number]

/**
 * The visit as 保留我的修改 would save it: the server's current visit with the fields the user changed
 * (an edit sends only those, so the fields he left alone keep the server's values). Without a current
 * visit, the one he started from.
 */
export function myVersion(current: Visit | null, input: VisitInput, base: Visit | null = null): Partial<Visit> {
  return { ...(current ?? base ?? {}), ...input } as Partial<Visit>
}

/** Whether a field differs between the user's version and the server's. */
export function differs(mine: Partial<Visit>, current: Visit, field: ComparedField): boolean {
  const a = mine[field] ?? null
  const b = current[field] ?? null
  return a !== b
}

/** The to-do's due visits: the caller's own children first, then the most overdue. */
export function sortDue(items: readonly VisitDueItem[]): VisitDueItem[] {
  return [...items].sort((a, b) => Number(!!b.mine) - Number(!!a.mine) || a.days_left - b.days_left || a.child_id - b.child_id)
}

/** The colour class of a due item: overdue (red), due soon (orange). */
export function dueTone(item: Pick<VisitDueItem, 'status' | 'days_left'>): 'overdue' | 'due_soon' {
  return item.status === 'overdue' || item.days_left < 0 ? 'overdue' : 'due_soon'
}

/** "逾期 3 天" / "今天到期" / "2 天后到期". */
export function dueText(item: Pick<VisitDueItem, 'days_left'>, t: T): string {
  if (item.days_left < 0) return t('visits.overdueDays', { n: -item.days_left })
  if (item.days_left === 0) return t('visits.dueToday')
  return t('visits.dueInDays', { n: item.days_left })
}
