// Schemas of the screening page: the one-person check form (consent gates the submit), the official
// query form, their rules and payloads.
import type { FormRules } from 'element-plus'
import type { OfficialChannel, OfficialOutcome, ScreeningCheckInput, ScreeningOfficialInput } from '@/api/screening'

type T = (key: string, named?: Record<string, unknown>) => string

export interface CheckForm {
  name: string
  id_number: string
  position: string
  /** 在职 (true) or 拟聘 (false). */
  hired: boolean
  consent: boolean
}

export function emptyCheckForm(): CheckForm {
  return { name: '', id_number: '', position: '', hired: true, consent: false }
}

/** The check may go out only with the consent ticked and a name and ID number typed. */
export function checkSubmittable(f: CheckForm): boolean {
  return f.consent && !!f.name.trim() && !!f.id_number.trim()
}

export function checkPayload(f: CheckForm, unitId: number | null): ScreeningCheckInput {
  const body: ScreeningCheckInput = {
    name: f.name.trim(),
    id_number: f.id_number.trim(),
    hired: f.hired,
    consent_confirmed: f.consent,
  }
  if (f.position.trim()) body.position = f.position.trim()
  if (unitId) body.unit_id = unitId
  return body
}

export function checkRules(t: T): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('common.required', { field: t('screening.name') }), trigger: 'blur' }],
    id_number: [{ required: true, whitespace: true, message: t('common.required', { field: t('screening.idNumber') }), trigger: 'blur' }],
  }
}

export const OFFICIAL_CHANNELS: readonly OfficialChannel[] = ['教育局', '公安机关']
export const OFFICIAL_OUTCOMES: readonly OfficialOutcome[] = ['未发现', '发现记录']

export interface OfficialForm {
  channel: OfficialChannel | ''
  date: string
  reference: string
  outcome: OfficialOutcome | ''
}

export function emptyOfficialForm(): OfficialForm {
  return { channel: '', date: '', reference: '', outcome: '' }
}

export function officialPayload(f: OfficialForm): ScreeningOfficialInput {
  return { channel: f.channel as OfficialChannel, date: f.date, reference: f.reference.trim(), outcome: f.outcome as OfficialOutcome }
}

export function officialRules(t: T): FormRules {
  return {
    channel: [{ required: true, message: t('common.requiredSelect', { field: t('screening.officialChannel') }), trigger: 'change' }],
    date: [{ required: true, message: t('common.requiredSelect', { field: t('screening.officialDate') }), trigger: 'change' }],
    reference: [{ required: true, whitespace: true, message: t('common.required', { field: t('screening.officialReference') }), trigger: 'blur' }],
    outcome: [{ required: true, message: t('common.requiredSelect', { field: t('screening.officialOutcome') }), trigger: 'change' }],
  }
}

/** The channels' and outcomes' i18n keys (the server's values are Chinese). */
export function channelKey(c: string): string {
  return c === '公安机关' ? 'screening.channelPolice' : 'screening.channelEducation'
}
export function outcomeKey(o: string): string {
  return o === '发现记录' ? 'screening.outcomeFound' : 'screening.outcomeNone'
}

/** A date picker's disabledDate: nothing after today. */
export function isFuture(d: Date): boolean {
  return d.getTime() > Date.now()
}
