// 查看身份: the victim's (and the suspect's) identity and the narrative are read only with a reason, asked in a
// message box first; the reason goes with POST /cases/{id}/reveal and into the audit log. Cancelled or empty:
// nothing is asked of the server. The reason's check is the reports module's (same rule, same words).
import { ElMessageBox } from '@/utils/message'
import { revealCase, type Case } from '@/api/cases'
import { revealReasonCheck } from '@/views/reports/reveal'

type T = (key: string, named?: Record<string, unknown>) => string

/** Asks the reason, then reads the case revealed; null when the user cancelled (or gave no reason). */
export async function revealCaseIdentity(id: number, t: T): Promise<Case | null> {
  let reason = ''
  try {
    const answer = await ElMessageBox.prompt(t('cases.revealPrompt'), t('cases.reveal'), {
      type: 'warning',
      confirmButtonText: t('cases.reveal'),
      cancelButtonText: t('common.cancel'),
      inputPlaceholder: t('cases.revealPlaceholder'),
      inputValidator: revealReasonCheck(t),
    })
    reason = String((answer as { value?: string }).value ?? '').trim()
  } catch {
    return null
  }
  if (revealReasonCheck(t)(reason) !== true) return null
  return revealCase(id, reason)
}
