// The 督办 dialog's starting values: blank, from a matrix cell (a reminder), or from a ladder proposal.
import type { FormRules } from 'element-plus'
import type { SupervisionInput, SupervisionKind, SupervisionProposal, TaskStatus } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string

export interface IssuePrefill {
  kind?: SupervisionKind
  unit_ids?: number[]
  campaign_id?: number | null
  task_id?: number | null
  title?: string
  content?: string
  deadline?: string | null
}

export interface IssueForm {
  kind: SupervisionKind
  unit_ids: number[]
  campaign_id: number | null
  task_id: number | null
  title: string
  content: string
  deadline: string | null
  /** One text for every unit, or per unit (by id) when several units are addressed. */
  findings: string
  findingsByUnit: Record<number, string>
}

export function emptyIssueForm(p: IssuePrefill = {}): IssueForm {
  return {
    kind: p.kind ?? 'notice',
    unit_ids: [...(p.unit_ids ?? [])],
    campaign_id: p.campaign_id ?? null,
    task_id: p.task_id ?? null,
    title: p.title ?? '',
    content: p.content ?? '',
    deadline: p.deadline ?? null,
    findings: '',
    findingsByUnit: {},
  }
}

/** Kinds that record findings (暗访 must, for every unit). */
export function hasFindings(kind: SupervisionKind): boolean {
  return kind === 'inspection' || kind === 'unannounced'
}

/** The POST /supervision body of the form. */
export function toSupervisionInput(f: IssueForm): SupervisionInput {
  const input: SupervisionInput = {
    kind: f.kind,
    unit_ids: [...f.unit_ids],
    campaign_id: f.campaign_id,
    task_id: f.task_id,
    title: f.title.trim(),
    content: f.content.trim(),
    deadline: f.deadline || null,
  }
  if (hasFindings(f.kind)) {
    if (f.unit_ids.length > 1) {
      const per = f.unit_ids.map((id) => ({ unit_id: id, text: (f.findingsByUnit[id] ?? '').trim() })).filter((x) => x.text)
      input.findings = per.length ? per : null
    } else {
      input.findings = f.findings.trim() || null
    }
  }
  return input
}

export function issueRules(t: T, f: IssueForm): FormRules {
  const rules: FormRules = {
    unit_ids: [{ type: 'array', required: true, min: 1, message: t('common.requiredSelect', { field: t('supervision.units') }), trigger: 'change' }],
    title: [{ required: true, whitespace: true, message: t('common.required', { field: t('supervision.title') }), trigger: 'blur' }],
    content: [{ required: true, whitespace: true, message: t('common.required', { field: t('supervision.content') }), trigger: 'blur' }],
  }
  if (f.kind === 'listed') rules.deadline = [{ required: true, message: t('supervision.deadlineRequired'), trigger: 'change' }]
  if (f.kind === 'unannounced' && f.unit_ids.length <= 1)
    rules.findings = [{ required: true, whitespace: true, message: t('supervision.findingsRequired'), trigger: 'blur' }]
  return rules
}

/** A 通报提醒 for one (task, unit) pair of the matrix, worded like the server's proposals. */
export function reminderPrefill(
  t: T,
  campaignId: number,
  task: { id: number; number: string; title: string },
  unit: { id: number; name: string },
  cell: { status: TaskStatus; overdue_days: number },
): IssuePrefill {
  const kindLabel = t('supervisionKinds.notice')
  const situation =
    cell.status === 'overdue'
      ? t('supervision.situationOverdue', { n: cell.overdue_days })
      : cell.status === 'not_started'
        ? t('supervision.situationNotStarted')
        : t('supervision.situationOther', { status: t(`status.${cell.status}`) })
  return {
    kind: 'notice',
    unit_ids: [unit.id],
    campaign_id: campaignId,
    task_id: task.id,
    title: t('supervision.templateTitle', { unit: unit.name, kind: kindLabel, number: task.number }),
    content: t('supervision.templateContent', { unit: unit.name, number: task.number, title: task.title, situation, kind: kindLabel }),
  }
}

/** A ladder proposal as the dialog's starting values (the server's wording kept). */
export function proposalPrefill(p: SupervisionProposal): IssuePrefill {
  return {
    kind: p.kind,
    unit_ids: [p.unit.id],
    campaign_id: p.campaign_id,
    task_id: p.task.id,
    title: p.title,
    content: p.content,
    deadline: p.deadline,
  }
}
