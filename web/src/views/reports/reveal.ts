// 查看报告人: the reporter's identity is read only with a reason, asked in a message box first; the reason goes
// with POST /reports/{id}/reporter and into the audit log. Cancelled or empty: nothing is asked of the server.
import { ElMessageBox } from '@/utils/message'
import { readReportReporter, type ReportReporter } from '@/api/reports'
import { REPORT_LIMITS } from './data'

type T = (key: string, named?: Record<string, unknown>) => string

/** The message box's check of the reason: required, at most 200 characters. */
export function revealReasonCheck(t: T) {
  return (v: string): true | string => {
    const s = (v ?? '').trim()
    if (!s) return t('reports.errRevealReason')
    if ([...s].length > REPORT_LIMITS.reason) return t('reports.errRevealTooLong')
    return true
  }
}

/** Asks the reason, then reads the reporter; null when the user cancelled (or gave no reason). */
export async function revealReporter(id: number, t: T): Promise<ReportReporter | null> {
  let reason = ''
  try {
    const answer = await ElMessageBox.prompt(t('reports.revealPrompt'), t('reports.revealReporter'), {
      type: 'warning',
      confirmButtonText: t('reports.revealReporter'),
      cancelButtonText: t('common.cancel'),
      inputPlaceholder: t('reports.revealPlaceholder'),
      inputValidator: revealReasonCheck(t),
    })
    reason = String((answer as { value?: string }).value ?? '').trim()
  } catch {
    return null
  }
  if (revealReasonCheck(t)(reason) !== true) return null
  return readReportReporter(id, reason)
}
