// Schemas of the 督办 list, and the kind filter the server does not apply (yet): done here.
import type { ListResult, SupervisionAction, SupervisionQuery } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string

export interface Column {
  prop: string
  label: string
  minWidth?: number
  width?: number
  slot?: string
}

export function actionColumns(t: T): Column[] {
  return [
    { prop: 'kind', label: t('supervision.kind'), width: 104, slot: 'kind' },
    { prop: 'title', label: t('supervision.title'), minWidth: 240, slot: 'title' },
    { prop: 'unit', label: t('supervision.unit'), minWidth: 150, slot: 'unit' },
    { prop: 'task', label: t('supervision.task'), minWidth: 200, slot: 'task' },
    { prop: 'deadline', label: t('supervision.deadline'), width: 112 },
    { prop: 'status', label: t('supervision.status'), width: 90, slot: 'status' },
    { prop: 'response_count', label: t('supervision.responses'), width: 80 },
    { prop: 'created_at', label: t('supervision.createdAt'), width: 170, slot: 'created_at' },
  ]
}

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 200

/**
 * One page of actions. Without a kind this is the API's page. With a kind, every page is fetched and
 * filtered here (GET /supervision filters by campaign, unit and status only), then cut into the page asked.
 */
export async function fetchActions(
  list: (q: SupervisionQuery) => Promise<ListResult<SupervisionAction>>,
  q: SupervisionQuery,
): Promise<ListResult<SupervisionAction>> {
  const { kind, page = 1, page_size = 20, ...rest } = q
  if (!kind) return list({ ...rest, page, page_size })
  const all: SupervisionAction[] = []
  for (let p = 1; ; p++) {
    const res = await list({ ...rest, kind, page: p, page_size: MAX_PAGE_SIZE })
    all.push(...res.items)
    if (res.items.length < MAX_PAGE_SIZE || all.length >= res.total) break
  }
  const matching = all.filter((a) => a.kind === kind)
  return { items: matching.slice((page - 1) * page_size, page * page_size), total: matching.length }
}
