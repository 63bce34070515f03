// /api/v1/care and the team endpoints of /api/v1/children: care persons (list, create, update, sheet
// import), the police stations' coverage of villages, the 四位一体 teams and their assignment run, and
// the per-village dashboard. One function per endpoint; the ledger itself stays in children.ts.
import { download, http, upload, type UploadOptions } from './request'
import { sheetType, type ImportResult, type UnitRef } from './children'

/** The three stored seats of a team (the guardian, the fourth member, is never stored). */
export type CareSeat = 'village' | 'teacher' | 'police'
/** The role of a care person, as the server names it (Chinese). */
export type CareRole = '村干部' | '儿童主任' | '教师' | '民警'

export interface CarePerson {
  id: number
  name: string
  sex: 'M' | 'F' | string
  seat: CareSeat | string
  role: CareRole | string
  unit: UnitRef
  /** Masked (first 3 and last 4 characters), null when none is recorded. */
  phone: string | null
  active: boolean
  /** The linked console account; his to-do then lists the visits of the children on his teams. */
  user: { id: number; username: string; display_name: string } | null
  /** Children on whose teams he sits, and how many of them are girls. */
  children: number
  girls: number
}

/** An account a care person of its unit may be linked to (GET /care/accounts): names only. */
export interface CareAccount {
  id: number
  username: string
  display_name: string
  /** The active care person already linked to this account, if any. */
  linked_person_id: number | null
}

/** PUT /care/persons/{id} answers the person plus the team assignments the change released. */
export interface CarePersonSaved extends CarePerson {
  released?: number
}

export interface CarePersonQuery {
  unit_id?: number | null
  seat?: CareSeat | ''
  q?: string
  active?: '1' | '0' | 'all'
  page?: number
  page_size?: number
}

export interface CarePersonList {
  items: CarePerson[]
  total: number
  page?: number
  page_size?: number
}

export interface CarePersonCreate {
  name: string
  sex: 'M' | 'F'
  role: CareRole
  unit_id: number
  phone?: string
  user_id?: number
}

/** Fields left out are unchanged; `phone: ''` removes the stored phone, `user_id: null` unlinks the account. */
export interface CarePersonUpdate {
  name?: string
  sex?: 'M' | 'F'
  role?: CareRole
  phone?: string
  active?: boolean
  user_id?: number | null
}

/** A police station's villages; `configured: false` = the default, every village of its township. */
export interface CoverageItem {
  station: UnitRef
  configured: boolean
  villages: UnitRef[]
}

export interface TeamMember {
  /** 村干部 / 儿童主任 / 教师 / 民警, or 监护人 for the guardian. */
  role: string
  person_id: number | null
  name: string
  sex: string | null
  unit: string | null
  phone: string | null
}

/** An active child's team: the assigned persons in seat order, then the guardian (when recorded). */
export interface Team {
  child_id: number
  name: string
  sex: string
  village: string
  members: TeamMember[]
}

export interface Shortfall {
  unit: string
  /** 儿童主任/村干部, 教师 or 民警. */
  seat: string
  female_needed: number
  persons_needed: number
}

export interface AssignOutcome {
  assigned: number
  incomplete: { child_id: number; reason: string }[]
  shortfalls: Shortfall[]
  dry_run: boolean
}

export interface DashboardCounts {
  children: number
  teams_complete: number
  teams_incomplete: number
  visits_overdue: number
  visits_due_soon: number
  urgent_open: number
}

export interface DashboardVillage extends DashboardCounts {
  id: number
  name: string
  by_category: Record<string, number>
}

export interface Dashboard {
  totals: DashboardCounts
  by_category: { code: string; label: string; count: number }[]
  villages: DashboardVillage[]
}

/** GET /care/persons: `{items, total, page, page_size}`; active defaults to 1 on the server. */
export function listCarePersons(query: CarePersonQuery = {}) {
  return http.get<CarePersonList>('/care/persons', { ...query })
}

/** POST /care/persons (silent: the dialog shows a field error beside its field). */
export function createCarePerson(data: CarePersonCreate) {
  return http.post<CarePerson>('/care/persons', data, { silent: true })
}

/** PUT /care/persons/{id}; deactivating (`active: false`) releases his team seats (`released`). */
export function updateCarePerson(id: number, data: CarePersonUpdate, opts: { silent?: boolean } = { silent: true }) {
  return http.put<CarePersonSaved>(`/care/persons/${id}`, data, opts)
}

/**
 * GET /care/accounts?unit_id=: the active console accounts of a unit whose care persons the caller manages, to
 * link one (no org:user:list needed). Silent: the dialog simply offers no account when it fails.
 */
export function listCareAccounts(unitId: number) {
  return http.get<{ items: CareAccount[] }>('/care/accounts', { unit_id: unitId }, { silent: true })
}

/** GET /care/template.xlsx: the empty care-person sheet (姓名, 性别, 角色, 单位, 手机). */
export function downloadCareTemplate() {
  return download('/care/template.xlsx')
}

/** PUT /care/import?filename=&commit=0|1 with the sheet as the raw body; the same answer as the ledger's import. */
export function importCarePersons(file: File, commit: boolean, opts: Pick<UploadOptions, 'onProgress'> = {}) {
  return upload<ImportResult>('PUT', '/care/import', file, {
    query: { filename: file.name, commit: commit ? 1 : 0 },
    contentType: sheetType(file.name),
    onProgress: opts.onProgress,
    silent: commit,
  })
}

/** GET /care/coverage: every police station with the villages it covers. */
export function getCoverage() {
  return http.get<{ items: CoverageItem[] }>('/care/coverage')
}

/** PUT /care/coverage/{station_id}; `[]` returns the station to the default (every village of its township). */
export function setCoverage(stationId: number, villageIds: number[]) {
  return http.put<CoverageItem>(`/care/coverage/${stationId}`, { village_ids: villageIds })
}

/** GET /children/teams[?village_id=]: the teams of the active children in the caller's scope. */
export function listTeams(villageId?: number | null) {
  return http.get<{ items: Team[] }>('/children/teams', { village_id: villageId ?? undefined })
}

/** POST /children/assign-teams: fills the empty seats (a dry run computes the same and writes nothing). */
export function assignTeams(body: { village_id?: number | null; dry_run?: boolean } = {}) {
  const payload: { village_id?: number; dry_run?: boolean } = {}
  if (body.village_id) payload.village_id = body.village_id
  if (body.dry_run) payload.dry_run = true
  return http.post<AssignOutcome>('/children/assign-teams', payload)
}

/** GET /children/dashboard[?village_id=]: totals, children by category and the figures per village. */
export function getChildrenDashboard(villageId?: number | null) {
  return http.get<Dashboard>('/children/dashboard', { village_id: villageId ?? undefined })
}
