// Pure helpers of the campaign pages: task trees from number paths, status colours, calendar dates,
// default phases, and the matrix counted per unit for the chart.
import type { Matrix, SupervisionKind, TaskStatus } from '@/api/types'

// ---- statuses ----------------------------------------------------------------------------------

/** Statuses from the most urgent down (filters, legends, chart series). */
export const TASK_STATUSES: TaskStatus[] = ['overdue', 'due_soon', 'not_started', 'on_track', 'completed']

/** The colour of each status: completed green, on_track blue, due_soon amber, overdue red, not_started grey. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  completed: '#2e9d5b',
  on_track: '#2f6fc6',
  due_soon: '#d98a0b',
  overdue: '#d14343',
  not_started: '#9aa3ae',
}

/** The colour of a status; grey for a status the caller may not see (null) or an unknown one. */
export function statusColor(status: TaskStatus | null | undefined): string {
  return (status && STATUS_COLORS[status]) || STATUS_COLORS.not_started
}

/** The Element Plus tag type of a status (same colour families as STATUS_COLORS). */
export function statusTagType(status: TaskStatus | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'completed':
      return 'success'
    case 'on_track':
      return 'primary'
    case 'due_soon':
      return 'warning'
    case 'overdue':
      return 'danger'
    default:
      return 'info'
  }
}

export const SUPERVISION_KINDS: SupervisionKind[] = ['notice', 'warning', 'listed', 'inspection', 'unannounced']

/** The tag type of a 督办 kind: the ladder grows redder; inspections are neutral. */
export function kindTagType(kind: SupervisionKind): 'primary' | 'warning' | 'danger' | 'info' {
  if (kind === 'notice') return 'primary'
  if (kind === 'warning') return 'warning'
  if (kind === 'listed') return 'danger'
  return 'info'
}

// ---- task trees from number paths ---------------------------------------------------------------

/**
 * The number of the nearest ancestor present in `existing`: "四/（二）/1" → "四/（二）" when listed, else "四";
 * null for a top-level number or when no ancestor is listed (the server's rule).
 */
export function parentNumber(number: string, existing: ReadonlySet<string>): string | null {
  let cut = number.lastIndexOf('/')
  while (cut > 0) {
    const candidate = number.slice(0, cut)
    if (existing.has(candidate)) return candidate
    cut = number.lastIndexOf('/', cut - 1)
  }
  return null
}

export type TreeNode<T> = T & { children?: TreeNode<T>[] }

/**
 * Nests items under their nearest listed ancestor by number path, keeping document order among siblings.
 * An item whose ancestors are all absent becomes a root; a repeated number keeps only its first item as a
 * parent. Items are copied, never modified.
 */
export function buildNumberTree<T extends { number: string }>(items: readonly T[]): TreeNode<T>[] {
  const numbers = new Set(items.map((i) => i.number))
  const byNumber = new Map<string, TreeNode<T>>()
  const nodes = items.map((i) => {
    const node = { ...i } as TreeNode<T>
    if (!byNumber.has(i.number)) byNumber.set(i.number, node)
    return node
  })
  const roots: TreeNode<T>[] = []
  nodes.forEach((node) => {
    const parent = parentNumber(node.number, numbers)
    const target = parent ? byNumber.get(parent) : undefined
    if (target && target !== node) (target.children ??= []).push(node)
    else roots.push(node)
  })
  return roots
}

/** The depth of a number path: "四" → 0, "四/（二）/1" → 2. */
export function numberDepth(number: string): number {
  return number.split('/').length - 1
}

/** The label shown for a number path: its last component ("四/（二）/1" → "1"). */
export function numberLabel(number: string): string {
  const parts = number.split('/')
  return parts[parts.length - 1]
}

// ---- calendar dates ("YYYY-MM-DD", Asia/Shanghai) --------------------------------------------------

const DAY_MS = 24 * 3600 * 1000

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(ms: number = Date.now()): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** Day number (days since 1970-01-01) of a valid "YYYY-MM-DD", else null. */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(ms).toISOString().slice(0, 10)
  return back === date ? Math.round(ms / DAY_MS) : null
}

/** "YYYY-MM-DD" of a date picker's Date (local midnight of the picked day). */
export function localDateString(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const d = dayNumber(date)
  return d === null ? date : dateOfDay(d + days)
}

/** The campaign's default period: today to the end of this year (the seed: now to 2024-12-31). */
export function defaultPeriod(today: string = shanghaiDate()): { start: string; end: string } {
  return { start: today, end: `${today.slice(0, 4)}-12-31` }
}

export const PHASE_NAMES = ['宣传发动', '打击治理', '总结提升'] as const

/**
 * The three phases over a period, overlapping as the seed plan asks (各环节可以叠加统筹推进):
 * 宣传发动 the first 40 %, 打击治理 from 15 % to 90 %, 总结提升 from 80 % to the end.
 */
export function defaultPhases(start: string, end: string): { name: string; start: string; end: string }[] {
  const s = dayNumber(start)
  const e = dayNumber(end)
  if (s === null || e === null || e < s) return PHASE_NAMES.map((name) => ({ name, start, end }))
  const len = e - s
  const at = (f: number) => dateOfDay(s + Math.round(len * f))
  return [
    { name: PHASE_NAMES[0], start, end: at(0.4) },
    { name: PHASE_NAMES[1], start: at(0.15), end: at(0.9) },
    { name: PHASE_NAMES[2], start: at(0.8), end },
  ]
}

/** The document number of a plan text (五委发〔2024〕9号), if one of its first lines holds one. */
export function findDocNumber(text: string): string | null {
  for (const line of text.split(/\r?\n/).slice(0, 40)) {
    const m = /[\u4e00-\u9fa5A-Za-z]{1,12}[〔[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号/.exec(line)
    if (m) return m[0].replace(/\s+/g, '')
  }
  return null
}

// ---- the matrix per unit -------------------------------------------------------------------------

export interface UnitStatusCount {
  unit: { id: number; name: string }
  counts: Record<TaskStatus, number>
  total: number
}

/** For each unit of the matrix (in its order), how many of its tasks are in each status. */
export function countByUnit(matrix: Pick<Matrix, 'units' | 'tasks'>): UnitStatusCount[] {
  const rows = new Map<number, UnitStatusCount>()
  for (const u of matrix.units)
    rows.set(u.id, { unit: u, counts: { completed: 0, overdue: 0, due_soon: 0, on_track: 0, not_started: 0 }, total: 0 })
  for (const t of matrix.tasks)
    for (const c of t.cells) {
      const row = rows.get(c.unit_id)
      if (!row) continue
      row.counts[c.status]++
      row.total++
    }
  return [...rows.values()]
}

/** Human file size: 512 B, 1.5 KB, 2.3 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
