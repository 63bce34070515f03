// Pure helpers of the registry page: the record types and control statuses (labels in the locale files),
// the purpose a search or a read needs, and the check-in due state as a tag.
import type { ControlStatus, RecordType } from '@/api/registry'

type T = (key: string, named?: Record<string, unknown>) => string

/** Every record type in the server's order; the last three only while policy registry.optional_types_enabled is 1. */
export const RECORD_TYPES: readonly RecordType[] = [
  'rape',
  'forcible_indecency',
  'child_molestation',
  'organising_prostitution',
  'forcing_prostitution',
  'procuring_prostitution',
  'luring_girls_prostitution',
  'custodial_sexual_assault',
  'relative_non_prosecution',
  'indecency_penalty',
  'abuse',
  'trafficking',
  'violent_injury',
]
export const OPTIONAL_RECORD_TYPES: readonly RecordType[] = ['abuse', 'trafficking', 'violent_injury']
export const CONTROL_STATUSES: readonly ControlStatus[] = ['none', 'under_control', 'ended']

/** The server's purpose limit (1–200 characters). */
export const PURPOSE_MAX = 200

/** A record type's Chinese name; the server's label, then the code, for one the console does not know. */
export function recordTypeLabel(t: T, code: string, serverLabel?: string): string {
  return (RECORD_TYPES as readonly string[]).includes(code) ? t(`registryTypes.${code}`) : serverLabel || code
}

export function controlStatusLabel(t: T, code: string, serverLabel?: string): string {
  return (CONTROL_STATUSES as readonly string[]).includes(code) ? t(`registryControl.${code}`) : serverLabel || code
}

export function controlTagType(code: string): 'danger' | 'success' | 'info' {
  return code === 'under_control' ? 'danger' : code === 'ended' ? 'success' : 'info'
}

/** The i18n key of what is wrong with a purpose, or null when it is acceptable. */
export function purposeProblem(purpose: string): string | null {
  const p = purpose.trim()
  if (!p) return 'registry.purposeRequired'
  if (p.length > PURPOSE_MAX) return 'registry.purposeTooLong'
  return null
}

/**
 * Whether a search may go out: filters alone need no purpose; a search text does (the server would answer
 * 400 required/purpose). The i18n key of the problem, or null.
 */
export function searchProblem(q: string, purpose: string): string | null {
  if (!q.trim()) return null
  return purposeProblem(purpose)
}

/** ElMessageBox.prompt's validator for a purpose. */
export function purposeValidator(t: T) {
  return (v: string) => {
    const k = purposeProblem(v ?? '')
    return k ? t(k) : true
  }
}

/** overdue red, due soon orange. */
export function dueTagType(status: string): 'danger' | 'warning' {
  return status === 'overdue' ? 'danger' : 'warning'
}
