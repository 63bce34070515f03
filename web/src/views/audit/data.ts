// Schemas of the audit page: the search form and its conversion to the API's query.
import type { AuditQuery } from '@/api/types'
import { shanghaiDayToMs } from '@/utils/time'

export interface AuditSearch {
  actor: string
  action: string
  object_type: string
  /** [from, to] as yyyy-mm-dd Beijing days; either may be empty. */
  range: [string, string] | null
}

export function emptyAuditSearch(): AuditSearch {
  return { actor: '', action: '', object_type: '', range: null }
}

/** The API query of a search: trimmed text, whole Beijing days as epoch milliseconds. */
export function toAuditQuery(s: AuditSearch, page: number, pageSize: number): AuditQuery {
  const [fromDay, toDay] = s.range ?? ['', '']
  return {
    actor: s.actor.trim() || undefined,
    action: s.action.trim() || undefined,
    object_type: s.object_type.trim() || undefined,
    from: fromDay ? shanghaiDayToMs(fromDay) : undefined,
    to: toDay ? shanghaiDayToMs(toDay, true) : undefined,
    page,
    page_size: pageSize,
  }
}

/** The detail object as indented JSON for the expanded row. */
export function formatDetail(detail: unknown): string {
  if (detail == null) return ''
  try {
    return JSON.stringify(detail, null, 2)
  } catch {
    return String(detail)
  }
}
