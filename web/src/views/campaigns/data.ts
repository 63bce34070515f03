// Schemas of the campaign pages: list columns and the campaign form rules, as data.
import type { FormRules } from 'element-plus'
import type { PhaseInput } from '@/api/types'
import { dayNumber } from '@/utils/plan'

type T = (key: string, named?: Record<string, unknown>) => string

export interface Column {
  prop: string
  label: string
  minWidth?: number
  width?: number
  slot?: string
}

export function campaignColumns(t: T): Column[] {
  return [
    { prop: 'name', label: t('campaigns.name'), minWidth: 240, slot: 'name' },
    { prop: 'doc_number', label: t('campaigns.docNumber'), minWidth: 150 },
    { prop: 'period', label: t('campaigns.period'), minWidth: 200, slot: 'period' },
    { prop: 'task_count', label: t('campaigns.taskCount'), width: 100 },
    { prop: 'created_at', label: t('campaigns.createdAt'), width: 170, slot: 'created_at' },
  ]
}

/** What is wrong with a period and its phases (i18n keys with values), empty when fine. */
export function periodProblems(start: string, end: string, phases: readonly PhaseInput[]): { key: string; named?: Record<string, unknown> }[] {
  const out: { key: string; named?: Record<string, unknown> }[] = []
  const s = dayNumber(start)
  const e = dayNumber(end)
  if (s === null || e === null) return [{ key: 'campaigns.periodRequired' }]
  if (s > e) out.push({ key: 'campaigns.periodOrder' })
  const names = new Set<string>()
  for (const ph of phases) {
    const name = ph.name.trim()
    if (!name) {
      out.push({ key: 'campaigns.phaseNameRequired' })
      continue
    }
    if (names.has(name)) out.push({ key: 'campaigns.phaseDuplicate', named: { name } })
    names.add(name)
    const ps = dayNumber(ph.start)
    const pe = dayNumber(ph.end)
    if (ps === null || pe === null) out.push({ key: 'campaigns.phaseDates', named: { name } })
    else if (ps > pe) out.push({ key: 'campaigns.phaseOrder', named: { name } })
    else if (ps < s || pe > e) out.push({ key: 'campaigns.phaseOutside', named: { name } })
  }
  return out
}

export function campaignRules(t: T): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('common.required', { field: t('campaigns.name') }), trigger: 'blur' }],
  }
}
