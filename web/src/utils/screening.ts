// Pure helpers of the screening pages: a status as a coloured tag, the coverage as chart series, the units
// a caller checks for, and the refusal shown in a dialog (429 rate_limited worded as the daily cap).
import { ApiError } from '@/api/request'
import type { ScreeningCoverage, ScreeningCoverageRow, ScreeningStatus } from '@/api/screening'
import { CHART_COLORS, type StackSeries } from '@/utils/charts'

type T = (key: string, named?: Record<string, unknown>) => string
export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

export const SCREENING_STATUSES: readonly ScreeningStatus[] = ['clear', 'pending_review', 'hit', 'invalid_id']

/** clear green, pending_review orange, hit red, invalid_id (and anything unknown) grey. */
export function screeningTagType(status: string | null | undefined): TagType {
  switch (status) {
    case 'clear':
      return 'success'
    case 'pending_review':
      return 'warning'
    case 'hit':
      return 'danger'
    default:
      return 'info'
  }
}

/** The i18n key of a status label (screeningStatus.clear 未发现记录 …); a status the console does not know has its own. */
export function screeningStatusKey(status: string | null | undefined): string {
  return (SCREENING_STATUSES as readonly string[]).includes(status ?? '') ? `screeningStatus.${status}` : 'screeningStatus.unknown'
}

/** Counts the statuses of a sheet's rows (the summary above the results table). */
export function statusCounts(rows: readonly { status: string }[]): Record<ScreeningStatus, number> {
  const out: Record<ScreeningStatus, number> = { clear: 0, pending_review: 0, hit: 0, invalid_id: 0 }
  for (const r of rows) {
    if ((SCREENING_STATUSES as readonly string[]).includes(r.status)) out[r.status as ScreeningStatus] += 1
    else out.invalid_id += 1
  }
  return out
}

/** The four re-check states of the coverage, in the order they are drawn. */
export const COVERAGE_PARTS = ['checked_this_year', 'due', 'overdue', 'never'] as const
export type CoveragePart = (typeof COVERAGE_PARTS)[number]
const PART_COLORS: Record<CoveragePart, string> = {
  checked_this_year: CHART_COLORS.green,
  due: CHART_COLORS.blue,
  overdue: CHART_COLORS.red,
  never: CHART_COLORS.grey,
}

/** One stacked-bar series per re-check state, one value per unit (for utils/charts stackedBarOption). */
export function coverageSeries(t: T, rows: readonly ScreeningCoverageRow[]): StackSeries[] {
  return COVERAGE_PARTS.map((p) => ({ name: t(`screening.cov.${p}`), color: PART_COLORS[p], values: rows.map((r) => r[p]) }))
}

/** Share of the hired staff checked this year, 0–100 (100 when there is no staff). */
export function coveragePercent(row: Pick<ScreeningCoverageRow, 'staff' | 'checked_this_year'>): number {
  if (!row.staff) return 100
  return Math.round((row.checked_this_year / row.staff) * 100)
}

/**
 * The units a caller checks for, from the coverage (the server lists exactly the units of his scope): the
 * office gets a select; a school, with its one unit, none (the server takes its own unit).
 */
export function checkableUnits(coverage: ScreeningCoverage | null): { id: number; name: string }[] {
  return (coverage?.units ?? []).filter((u) => u.unit_id > 0).map((u) => ({ id: u.unit_id, name: u.unit_name }))
}

/** The message to show for a refused check: the server's Chinese message; 429 prefixed as the daily cap. */
export function refusalMessage(t: T, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return t('screening.rateLimited', { message: e.message })
    return e.message
  }
  return t('error.unknown', { status: 0 })
}
