// Types of the JSON API (base /api/v1). All times are epoch milliseconds.
import type { UrgentVisit, VisitDueItem } from './visits'
import type { TodoReports } from './reports'
import type { TodoCaseSupport } from './cases'

export type Stage = 'full' | 'must_change_password' | 'must_enroll_totp'
export type Scope = 'own_unit' | 'units' | 'township'
export type UnitKind =
  | 'town'
  | 'department'
  | 'police_station'
  | 'judicial_office'
  | 'womens_federation'
  | 'school'
  | 'village'
  | 'other'

export interface ListResult<T> {
  items: T[]
  total: number
}

export interface Grant {
  id: number
  role: string
  label: string
  scope: Scope
  unit_ids: number[]
}

export interface Me {
  id: number
  username: string
  display_name: string
  unit: { id: number; name: string; kind: UnitKind }
  roles: Grant[]
  permissions: string[]
  stage: Stage
  totp_enabled: boolean
  totp_required: boolean
  csrf_token: string
}

export interface Unit {
  id: number
  parent_id: number | null
  name: string
  kind: UnitKind
  code: string
  aliases: string[]
}

export interface UnitInput {
  name?: string
  kind?: UnitKind
  parent_id?: number | null
  code?: string
  aliases?: string[]
}

export interface User {
  id: number
  username: string
  display_name: string
  unit: { id: number; name: string }
  sex: 'F' | 'M' | null
  phone_masked: string | null
  active: boolean
  locked: boolean
  must_change_password: boolean
  totp_enabled: boolean
  roles: Grant[]
  created_at: number
}

export interface UserCreateInput {
  username: string
  display_name: string
  unit_id: number
  sex?: 'F' | 'M' | null
  phone?: string
  initial_password: string
}

export interface UserUpdateInput {
  display_name?: string
  unit_id?: number
  sex?: 'F' | 'M' | null
  phone?: string
  active?: boolean
}

export interface UserQuery {
  q?: string
  unit_id?: number
  page?: number
  page_size?: number
}

export interface GrantInput {
  role: string
  scope: Scope
  unit_ids?: number[]
}

export interface Role {
  name: string
  label: string
  admin: boolean
  permissions: string[]
}

export interface Session {
  id: string
  user_id: number
  username: string
  created_at: number
  last_seen_at: number
  expires_at: number
  ip: string
  user_agent: string
  current: boolean
}

export interface Policy {
  key: string
  value: string
  kind: 'security' | 'general'
  value_type: 'int' | 'text'
  min: number | null
  max: number | null
  label: string
  updated_at?: number
}

export interface AuditEntry {
  id: number
  at: number
  actor_username: string
  action: string
  object_type: string
  object_id: string
  detail: Record<string, unknown>
  ip: string
  request_id: string
}

export interface AuditQuery {
  actor?: string
  action?: string
  object_type?: string
  from?: number
  to?: number
  page?: number
  page_size?: number
}

export interface AuditVerifyResult {
  ok: boolean
  entries: number
  first_bad_id: number | null
  reason: string
}

export interface TotpSetup {
  secret: string
  otpauth_uri: string
}

// ---- plan: campaigns, tasks, progress (issue 3). Dates without time are "YYYY-MM-DD" strings.

/** A (task, unit) pair's status, from the most to the least urgent but completed first. */
export type TaskStatus = 'completed' | 'overdue' | 'due_soon' | 'on_track' | 'not_started'

export interface UnitRef {
  id: number
  name: string
}

/** How a written unit name was resolved: by name, by alias, as a group (各学校), or not at all. */
export type ResolvedHow = 'name' | 'alias' | 'group' | 'unknown'

export interface ResolvedName {
  written: string
  units: UnitRef[]
  how: ResolvedHow
}

export interface ReviewItem {
  /** Canonical label path, e.g. "四/（二）/1". */
  number: string
  /** Depth in the tree (0 = top). */
  level: number
  /** 1-based line of `ParseReview.text` where the item starts. */
  line: number
  title: string
  body: string
  /** Unit names as written, lead first. */
  units: string[]
  lead: string | null
  deadline: string | null
  deadline_date: string | null
  resolved: ResolvedName[]
}

/** POST /campaigns/parse: the document's text and its parsed items, units resolved. Nothing is stored. */
export interface ParseReview {
  title: string
  text: string
  items: ReviewItem[]
  /** Distinct names that resolved to nothing, in order. */
  unknown: string[]
}

export interface PhaseInput {
  id?: number
  name: string
  start: string
  end: string
}

export interface Phase {
  id: number
  name: string
  start: string
  end: string
}

export interface TaskInput {
  number: string
  title: string
  body?: string
  deadline_text?: string | null
  /** Absent: computed from deadline_text; null: no date. */
  deadline_date?: string | null
  report_interval_days?: number | null
  unit_ids: number[]
  lead_unit_id?: number | null
  phases?: string[]
}

export interface CampaignInput {
  name: string
  doc_number?: string | null
  period_start: string
  period_end: string
  source_text?: string | null
  phases: PhaseInput[]
  tasks: TaskInput[]
}

export interface CampaignUpdate {
  name?: string
  doc_number?: string | null
  period_start?: string
  period_end?: string
  /** The complete new list: phases with an id are kept (renamed, re-dated), the others created. */
  phases?: PhaseInput[]
}

export interface CampaignSummary {
  id: number
  name: string
  doc_number: string | null
  period_start: string
  period_end: string
  /** Tasks with responsible units (headings excluded). */
  task_count: number
  created_at: number
}

/** A responsible unit of a task; status null: the caller may not see it. */
export interface TaskUnit {
  id: number
  name: string
  lead: boolean
  status: TaskStatus | null
  last_report_at: number | null
  next_report_due: string | null
  overdue_days: number
}

export interface Task {
  id: number
  campaign_id: number
  parent_id: number | null
  number: string
  level: number
  title: string
  body: string
  deadline_text: string | null
  deadline_date: string | null
  report_interval_days: number | null
  effective_interval_days: number
  lead_unit: UnitRef | null
  units: TaskUnit[]
  phases: string[]
  /** Shown to a unit only as the ancestor (heading) of one of its tasks. */
  context_only: boolean
}

export interface Campaign extends CampaignSummary {
  source_text: string | null
  phases: Phase[]
  /** Document order; the tree is given by parent_id (and the number paths). */
  tasks: Task[]
}

export interface TaskUpdate {
  title?: string
  body?: string
  deadline_text?: string | null
  deadline_date?: string | null
  report_interval_days?: number | null
  unit_ids?: number[]
  lead_unit_id?: number
  phases?: string[]
}

export interface Attachment {
  id: number
  report_id: number
  filename: string
  content_type: string
  size: number
  sha256: string
  created_at: number
}

export interface ProgressReport {
  id: number
  task_id: number
  unit: UnitRef
  text: string
  completed: boolean
  reported_at: number
  reported_by: string
  attachments: Attachment[]
}

export interface ProgressInput {
  unit_id: number
  text: string
  completed?: boolean
}

export interface TaskDetail extends Task {
  campaign: UnitRef
  /** The reports the caller may read (own unit's; all for the lead unit and the office). */
  reports: ProgressReport[]
  /** Units the caller may report progress for on this task. */
  can_report_for: number[]
}

export interface MatrixCell {
  unit_id: number
  status: TaskStatus
  last_report_at: number | null
  next_report_due: string | null
  overdue_days: number
}

export interface MatrixRow {
  id: number
  number: string
  title: string
  deadline_date: string | null
  cells: MatrixCell[]
}

export interface Matrix {
  campaign_id: number
  units: UnitRef[]
  tasks: MatrixRow[]
  summary: Record<TaskStatus, number>
}

export interface MatrixQuery {
  unit_id?: number
  status?: TaskStatus | ''
  /** A phase id or name. */
  phase?: string
}

export interface TodoTask {
  campaign: UnitRef
  task_id: number
  number: string
  title: string
  unit: UnitRef
  status: TaskStatus
  deadline_date: string | null
  next_report_due: string | null
  overdue_days: number
}

// ---- supervision (督办) ----

export type SupervisionKind = 'notice' | 'warning' | 'listed' | 'inspection' | 'unannounced'
export type SupervisionStatus = 'open' | 'closed'

export interface SupervisionResponse {
  id: number
  action_id: number
  unit: UnitRef
  text: string
  created_at: number
  created_by: string
}

export interface SupervisionAction {
  id: number
  kind: SupervisionKind
  kind_label: string
  unit: UnitRef
  campaign: { id: number; name: string | null } | null
  task: { id: number; number: string; title: string } | null
  title: string
  content: string
  deadline: string | null
  findings: string | null
  status: SupervisionStatus
  created_at: number
  created_by: string
  closed_at: number | null
  closed_by: string | null
  close_note: string | null
  response_count: number
  /** Only in GET /supervision/{id}. */
  responses?: SupervisionResponse[]
}

export interface SupervisionInput {
  kind: SupervisionKind
  /** One action is created per unit. */
  unit_ids: number[]
  campaign_id?: number | null
  task_id?: number | null
  title: string
  content: string
  /** "YYYY-MM-DD"; 挂牌整治 defaults to today + the rectification days. */
  deadline?: string | null
  /** 督导检查 / 暗访: one text for every unit, or per unit. */
  findings?: string | { unit_id: number; text: string }[] | null
}

export interface SupervisionQuery {
  campaign_id?: number
  unit_id?: number
  status?: SupervisionStatus | ''
  /** Not filtered by the server (yet): the page filters by kind itself. */
  kind?: SupervisionKind | ''
  page?: number
  page_size?: number
}

/** The next rung of the escalation ladder proposed for an overdue (task, unit) pair. */
export interface SupervisionProposal {
  campaign_id: number
  task: { id: number; number: string; title: string }
  unit: UnitRef
  overdue_days: number
  kind: SupervisionKind
  kind_label: string
  deadline: string | null
  title: string
  content: string
  /** Ladder actions already issued in this overdue spell. */
  issued: number[]
}

/** The visits section of the to-do: counts over all due children, items capped by policy (mine first). */
export interface TodoVisitsDue {
  total: number
  overdue: number
  due_soon: number
  items: VisitDueItem[]
}

export interface Todo {
  tasks: TodoTask[]
  supervision: SupervisionAction[]
  /** Only for a caller holding children:visit:list. */
  visits_due?: TodoVisitsDue
  /** Only for the township office (children:visit:ack). */
  urgent_visits?: UrgentVisit[]
  /** The police (reports:report:handle): unaccepted and overdue reports; the office (escalate, township): overdue lines. */
  reports?: TodoReports
  /** The judicial office and the police (cases:support:list): victim support items still open. */
  case_support?: TodoCaseSupport
}
