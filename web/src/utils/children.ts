// Pure helpers of the children's ledger: categories, import preview counts, masked values, chart counts.
import type { ChildSummary, ImportRow } from '@/api/children'

/** Category codes in the server's order (ledger_rows.cpp). */
export const CHILD_CATEGORIES = [
  'left_behind',
  'migrant',
  'in_difficulty',
  'de_facto_orphan',
  'orphan',
  'disabled',
  'single_parent',
  'reconstituted',
  'troubled_family',
] as const
export type ChildCategory = (typeof CHILD_CATEGORIES)[number]

export const RISK_LEVELS = ['low', 'medium', 'high'] as const

export function isChildCategory(code: string): code is ChildCategory {
  return (CHILD_CATEGORIES as readonly string[]).includes(code)
}

type T = (key: string, named?: Record<string, unknown>) => string

/** The label of a category code in the current language; an unknown code as the server's label or itself. */
export function categoryLabel(t: T, code: string, serverLabel?: string): string {
  if (isChildCategory(code)) return t(`childCategories.${code}`)
  return serverLabel || code
}

/** A tag colour per category (Element Plus tag types). */
export function categoryTagType(code: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (code) {
    case 'orphan':
    case 'de_facto_orphan':
      return 'danger'
    case 'in_difficulty':
    case 'disabled':
      return 'warning'
    case 'left_behind':
    case 'migrant':
      return 'primary'
    default:
      return 'info'
  }
}

export interface ImportSummary {
  total: number
  create: number
  update: number
  reject: number
  /** Rows that will be written but carry a warning (a reason on a create/update row). */
  warnings: number
  /** Whether 确认导入 may be pressed: at least one row and none rejected. */
  committable: boolean
}

/** Counts of a preview, computed from its rows (the server's counts may be shown beside them). */
export function importSummary(rows: readonly ImportRow[]): ImportSummary {
  const s: ImportSummary = { total: rows.length, create: 0, update: 0, reject: 0, warnings: 0, committable: false }
  for (const r of rows) {
    if (r.action === 'create') s.create++
    else if (r.action === 'update') s.update++
    else s.reject++
    if (r.action !== 'reject' && r.reason) s.warnings++
  }
  s.committable = s.total > 0 && s.reject === 0
  return s
}

export function importActionTagType(action: string): 'success' | 'primary' | 'danger' {
  return action === 'create' ? 'success' : action === 'update' ? 'primary' : 'danger'
}

/** Whether a value shown by the API is masked (contains the mask character). */
export function isMasked(value: string | null | undefined): boolean {
  return !!value && value.includes('*')
}

/** Masks an ID number like the server: first 4 and last 4 characters kept. */
export function maskIdNumber(id: string): string {
  if (!id) return ''
  if (id.length <= 8) return '*'.repeat(id.length)
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

/** Masks a phone number like the server: first 3 and last 4 characters kept. */
export function maskPhone(phone: string): string {
  if (!phone) return ''
  if (phone.length <= 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

/** The value to show: the revealed plain value when there is one, else the (masked) API value, else a dash. */
export function displaySensitive(masked: string | null | undefined, revealed?: string | null): string {
  if (revealed) return revealed
  return masked || '—'
}

/** Groups an 18-character ID number for reading aloud on the phone: 6-8-4. */
export function formatIdNumber(id: string): string {
  if (id.length !== 18) return id
  return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`
}

export interface CategoryCount {
  code: string
  label: string
  count: number
}

/** Children per category (a child with several categories counts in each), in category order, empties left out. */
export function categoryCounts(items: readonly Pick<ChildSummary, 'categories' | 'category_labels'>[]): CategoryCount[] {
  const counts = new Map<string, CategoryCount>()
  for (const c of items) {
    c.categories.forEach((code, i) => {
      const entry = counts.get(code) ?? { code, label: c.category_labels?.[i] ?? code, count: 0 }
      entry.count++
      counts.set(code, entry)
    })
  }
  const order = (code: string) => {
    const i = (CHILD_CATEGORIES as readonly string[]).indexOf(code)
    return i < 0 ? CHILD_CATEGORIES.length : i
  }
  return [...counts.values()].sort((a, b) => order(a.code) - order(b.code) || a.code.localeCompare(b.code))
}

/** Distinct villages of a list of children, by name (for the village filter when units cannot be listed). */
export function villagesOf(items: readonly Pick<ChildSummary, 'village'>[]): { id: number; name: string }[] {
  const seen = new Map<number, string>()
  for (const c of items) if (c.village && !seen.has(c.village.id)) seen.set(c.village.id, c.village.name)
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/** The sex label key (M/F → common words); other values shown as they are. */
export function sexKey(sex: string | null | undefined): 'male' | 'female' | null {
  return sex === 'M' ? 'male' : sex === 'F' ? 'female' : null
}
