// The import review as plain state: the parsed items with their responsible units, the unknown names the
// user maps to units (or explicitly drops), and the campaign input built from it. No Vue, no I/O.
import type { CampaignInput, ParseReview, PhaseInput, ResolvedHow, TaskInput } from '@/api/types'

/** One written unit name of an item: its units once resolved, or pending while unknown. */
export interface Slot {
  written: string
  unitIds: number[]
  /** mapped: an unknown name the user mapped; ignored: one he dropped (kept, struck through); manual: set by hand. */
  how: ResolvedHow | 'mapped' | 'ignored' | 'manual'
  pending: boolean
}

export interface DraftItem {
  key: number
  number: string
  level: number
  /** 1-based line of the review text where the item starts (0: added by hand). */
  line: number
  title: string
  body: string
  slots: Slot[]
  /** The lead as written in the document (the unit marked 牵头, else the first listed). */
  leadWritten: string | null
  leadUnitId: number | null
  deadlineText: string
  deadlineDate: string | null
  phases: string[]
}

export interface ReviewState {
  title: string
  text: string
  items: DraftItem[]
  /** Unknown names mapped by the user, to the units chosen. */
  mapping: Record<string, number[]>
  /** Unknown names the user chose to drop (an explicit act, listed in the summary). */
  ignored: string[]
}

/** The review state of a parse: resolved names become units, unknown ones stay pending. */
export function createReview(review: ParseReview): ReviewState {
  const items = review.items.map((it, i): DraftItem => {
    const slots: Slot[] = it.resolved.map((r) => ({
      written: r.written,
      unitIds: r.units.map((u) => u.id),
      how: r.how,
      pending: r.how === 'unknown' || r.units.length === 0,
    }))
    // Names the parser found but the resolution left out (defensive): pending too.
    for (const name of it.units) if (!slots.some((s) => s.written === name)) slots.push({ written: name, unitIds: [], how: 'unknown', pending: true })
    const item: DraftItem = {
      key: i + 1,
      number: it.number,
      level: it.level,
      line: it.line,
      title: it.title,
      body: it.body,
      slots,
      leadWritten: it.lead,
      leadUnitId: null,
      deadlineText: it.deadline ?? '',
      deadlineDate: it.deadline_date,
      phases: [],
    }
    fixLead(item)
    return item
  })
  return { title: review.title, text: review.text, items, mapping: {}, ignored: [] }
}

/** The item's units in the written order, each once. */
export function itemUnitIds(item: DraftItem): number[] {
  const out: number[] = []
  for (const s of item.slots) if (!s.pending) for (const id of s.unitIds) if (!out.includes(id)) out.push(id)
  return out
}

/** The item's names still waiting to be mapped. */
export function pendingNames(item: DraftItem): string[] {
  return item.slots.filter((s) => s.pending).map((s) => s.written)
}

/** Every name still waiting to be mapped, once, in document order. */
export function unresolvedNames(state: ReviewState): string[] {
  const out: string[] = []
  for (const item of state.items) for (const n of pendingNames(item)) if (!out.includes(n)) out.push(n)
  return out
}

/**
 * The lead: the unit the written lead resolved to, kept while it is still one of the item's units; else
 * the first unit; null without units. A lead still unknown leaves the lead open until it is mapped.
 */
function fixLead(item: DraftItem): void {
  const units = itemUnitIds(item)
  if (item.leadUnitId !== null && units.includes(item.leadUnitId)) return
  const leadSlot = item.leadWritten ? item.slots.find((s) => s.written === item.leadWritten) : undefined
  if (leadSlot && leadSlot.pending) item.leadUnitId = null
  else if (leadSlot && leadSlot.unitIds.length) item.leadUnitId = leadSlot.unitIds[0]
  else item.leadUnitId = units[0] ?? null
}

/** Maps an unknown (or already mapped) name to units in every item that names it. */
export function mapUnknown(state: ReviewState, written: string, unitIds: number[]): void {
  if (!unitIds.length) return
  state.mapping[written] = [...unitIds]
  state.ignored = state.ignored.filter((n) => n !== written)
  for (const item of state.items) {
    let touched = false
    for (const s of item.slots) {
      if (s.written !== written || !(s.pending || s.how === 'mapped' || s.how === 'ignored')) continue
      // A lead taken from the old mapping follows the new one.
      if (item.leadUnitId !== null && s.unitIds.includes(item.leadUnitId) && !unitIds.includes(item.leadUnitId)) item.leadUnitId = null
      s.unitIds = [...unitIds]
      s.how = 'mapped'
      s.pending = false
      touched = true
    }
    if (touched) fixLead(item)
  }
}

/** Drops an unknown name from every item that names it (the user says it is no unit of the township). */
export function ignoreUnknown(state: ReviewState, written: string): void {
  if (!state.ignored.includes(written)) state.ignored.push(written)
  delete state.mapping[written]
  for (const item of state.items) {
    let touched = false
    for (const s of item.slots) {
      if (s.written !== written || !(s.pending || s.how === 'mapped')) continue
      s.unitIds = []
      s.how = 'ignored'
      s.pending = false
      touched = true
    }
    if (touched) fixLead(item)
  }
}

/** Undoes a mapping or a drop: the name is pending again wherever it was written. */
export function unmapName(state: ReviewState, written: string): void {
  delete state.mapping[written]
  state.ignored = state.ignored.filter((n) => n !== written)
  for (const item of state.items) {
    let touched = false
    for (const s of item.slots) {
      if (s.written !== written || (s.how !== 'mapped' && s.how !== 'ignored')) continue
      s.unitIds = []
      s.how = 'unknown'
      s.pending = true
      touched = true
    }
    if (touched) fixLead(item)
  }
}

/** The item's names the user dropped (shown struck through). */
export function ignoredNames(item: DraftItem): string[] {
  return item.slots.filter((s) => s.how === 'ignored').map((s) => s.written)
}

/** Sets an item's units by hand (lead kept when still among them); names still pending stay pending. */
export function setItemUnits(item: DraftItem, unitIds: number[], keepPending: string[] = pendingNames(item)): void {
  const pending = item.slots.filter((s) => s.pending && keepPending.includes(s.written))
  const unique = unitIds.filter((id, i) => unitIds.indexOf(id) === i)
  item.slots = [...unique.map((id): Slot => ({ written: '', unitIds: [id], how: 'manual', pending: false })), ...pending]
  if (item.leadWritten && !pending.some((s) => s.written === item.leadWritten)) item.leadWritten = null
  fixLead(item)
}

export function removeItem(state: ReviewState, key: number): void {
  state.items = state.items.filter((i) => i.key !== key)
}

/** Renames a phase in every item that belongs to it. */
export function renamePhase(state: ReviewState, from: string, to: string): void {
  if (from === to) return
  for (const item of state.items) item.phases = item.phases.map((p) => (p === from ? to : p))
}

/** The number paths of the items that become tasks (with units) and of their listed ancestors (headings). */
export function includedNumbers(state: ReviewState): Set<string> {
  const present = new Set(state.items.map((i) => i.number))
  const out = new Set<string>()
  for (const item of state.items) {
    if (!itemUnitIds(item).length) continue
    out.add(item.number)
    for (let cut = item.number.lastIndexOf('/'); cut > 0; cut = item.number.lastIndexOf('/', cut - 1)) {
      const ancestor = item.number.slice(0, cut)
      if (present.has(ancestor)) out.add(ancestor)
    }
  }
  return out
}

/** What still stops the campaign from being created. */
export interface Blockers {
  /** Unknown names neither mapped nor dropped. */
  unresolved: string[]
  /** Numbers used twice among the included items. */
  duplicates: string[]
  /** Included items without a title. */
  untitled: string[]
  /** No item has units. */
  noTasks: boolean
}

export function blockers(state: ReviewState): Blockers {
  const included = includedNumbers(state)
  const seen = new Set<string>()
  const duplicates: string[] = []
  const untitled: string[] = []
  for (const item of state.items) {
    if (!included.has(item.number)) continue
    if (seen.has(item.number) && !duplicates.includes(item.number)) duplicates.push(item.number)
    seen.add(item.number)
    if (!item.title.trim()) untitled.push(item.number)
  }
  return {
    unresolved: unresolvedNames(state),
    duplicates,
    untitled,
    noTasks: ![...state.items].some((i) => itemUnitIds(i).length > 0),
  }
}

export function isBlocked(b: Blockers): boolean {
  return b.unresolved.length > 0 || b.duplicates.length > 0 || b.untitled.length > 0 || b.noTasks
}

/** The tasks to create: every item with units, and its listed ancestors as headings, in document order. */
export function toTasks(state: ReviewState, phaseNames: readonly string[]): TaskInput[] {
  const included = includedNumbers(state)
  const done = new Set<string>()
  const tasks: TaskInput[] = []
  for (const item of state.items) {
    if (!included.has(item.number) || done.has(item.number)) continue
    done.add(item.number)
    const units = itemUnitIds(item)
    const text = item.deadlineText.trim()
    const task: TaskInput = {
      number: item.number,
      title: item.title.trim() || item.number,
      body: item.body,
      deadline_text: text || null,
      unit_ids: units,
      phases: units.length ? item.phases.filter((p) => phaseNames.includes(p)) : [],
    }
    // A date given wins; a deadline written without a date is dated by the server (in the campaign's year).
    if (item.deadlineDate) task.deadline_date = item.deadlineDate
    else if (!text) task.deadline_date = null
    if (units.length) task.lead_unit_id = item.leadUnitId !== null && units.includes(item.leadUnitId) ? item.leadUnitId : units[0]
    tasks.push(task)
  }
  return tasks
}

export interface CampaignForm {
  name: string
  docNumber: string
  periodStart: string
  periodEnd: string
  phases: PhaseInput[]
}

/** The POST /campaigns body of a reviewed document. */
export function toCampaignInput(state: ReviewState, form: CampaignForm): CampaignInput {
  const phases = form.phases.map((p) => ({ name: p.name.trim(), start: p.start, end: p.end }))
  return {
    name: form.name.trim(),
    doc_number: form.docNumber.trim() || null,
    period_start: form.periodStart,
    period_end: form.periodEnd,
    source_text: state.text,
    phases,
    tasks: toTasks(
      state,
      phases.map((p) => p.name),
    ),
  }
}
