// 办结 a support item: what was provided is asked first (required, at most 2000 characters), then POST
// /case-support-items/{id}/close. Cancelled: nothing is sent.
import { ElMessageBox } from '@/utils/message'
import { closeSupportItem, type SupportItem } from '@/api/cases'
import { CASE_LIMITS } from './data'

type T = (key: string, named?: Record<string, unknown>) => string

export function closeNoteCheck(t: T) {
  return (v: string): true | string => {
    const s = (v ?? '').trim()
    if (!s) return t('cases.errCloseNote')
    if ([...s].length > CASE_LIMITS.note) return t('cases.errTooLong', { n: CASE_LIMITS.note })
    return true
  }
}

/** Asks what was provided, then closes the item; null when cancelled. */
export async function closeSupport(item: Pick<SupportItem, 'id' | 'kind_label'>, t: T): Promise<SupportItem | null> {
  let note = ''
  try {
    const answer = await ElMessageBox.prompt(t('cases.closePrompt', { kind: item.kind_label }), t('cases.closeSupport'), {
      confirmButtonText: t('cases.closeSupport'),
      cancelButtonText: t('common.cancel'),
      inputType: 'textarea',
      inputPlaceholder: t('cases.closePlaceholder'),
      inputValidator: closeNoteCheck(t),
    })
    note = String((answer as { value?: string }).value ?? '').trim()
  } catch {
    return null
  }
  if (closeNoteCheck(t)(note) !== true) return null
  return closeSupportItem(item.id, note)
}
