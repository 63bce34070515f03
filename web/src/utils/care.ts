// Pure helpers of the care pages: roles by unit kind, a team's four seats, the assignment outcome in
// Chinese, and the editing of a police station's coverage.
import type { AssignOutcome, CareRole, CareSeat, CoverageItem, DashboardVillage, Shortfall, Team, TeamMember } from '@/api/care'
import { CHART_COLORS, type StackSeries } from '@/utils/charts'
import type { Unit, UnitKind } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string

export const CARE_SEATS: readonly CareSeat[] = ['village', 'teacher', 'police']
export const CARE_ROLES: readonly CareRole[] = ['村干部', '儿童主任', '教师', '民警']
/** The unit kinds a care person may belong to. */
export const CARE_UNIT_KINDS: readonly UnitKind[] = ['village', 'school', 'police_station']

/** The roles that fit a unit of this kind (教师 → school, 民警 → police station, 村干部/儿童主任 → village). */
export function rolesForKind(kind: UnitKind | string | null | undefined): CareRole[] {
  switch (kind) {
    case 'village':
      return ['村干部', '儿童主任']
    case 'school':
      return ['教师']
    case 'police_station':
      return ['民警']
    default:
      return []
  }
}

/** The seat a role fills; null for the guardian or an unknown role. */
export function seatOfRole(role: string): CareSeat | null {
  if (role === '村干部' || role === '儿童主任') return 'village'
  if (role === '教师') return 'teacher'
  if (role === '民警') return 'police'
  return null
}

/** The i18n key of a role's label (the server's Chinese role is the stored value). */
export function roleKey(role: string): string {
  const keys: Record<string, string> = { 村干部: 'cadre', 儿童主任: 'director', 教师: 'teacher', 民警: 'police' }
  return `careRoles.${keys[role] ?? 'cadre'}`
}
export function roleLabel(t: T, role: string): string {
  return (CARE_ROLES as readonly string[]).includes(role) ? t(roleKey(role)) : role
}

export type TeamSeat = CareSeat | 'guardian'
export const TEAM_SEATS: readonly TeamSeat[] = ['village', 'teacher', 'police', 'guardian']

export interface SeatCell {
  seat: TeamSeat
  member: TeamMember | null
}

/** A team's four seats in order (village, teacher, police, guardian), null where nobody fills one. */
export function teamSeats(team: Pick<Team, 'members'>): SeatCell[] {
  return TEAM_SEATS.map((seat) => ({
    seat,
    member: team.members.find((m) => (seat === 'guardian' ? m.role === '监护人' : seatOfRole(m.role) === seat)) ?? null,
  }))
}

/** The seats of a team nobody fills. */
export function missingSeats(team: Pick<Team, 'members'>): TeamSeat[] {
  return teamSeats(team)
    .filter((c) => !c.member)
    .map((c) => c.seat)
}

export function teamComplete(team: Pick<Team, 'members'>): boolean {
  return missingSeats(team).length === 0
}

/**
 * A shortfall in Chinese (or the current language): "青石村（儿童主任/村干部）：需增加 2 名责任人，其中 1 名女性".
 * `female_needed` counts among `persons_needed`; a figure of women alone is said as such.
 */
export function shortfallText(t: T, s: Shortfall): string {
  const who = s.seat ? t('teams.shortfallUnit', { unit: s.unit, seat: s.seat }) : s.unit
  const n = Math.max(0, s.persons_needed)
  const f = Math.max(0, s.female_needed)
  let need: string
  if (f > 0 && n > f) need = t('teams.needPersonsFemale', { n, f })
  else if (f > 0) need = t('teams.needFemale', { f })
  else need = t('teams.needPersons', { n })
  return `${who}${t('teams.colon')}${need}`
}

export interface IncompleteRow {
  child_id: number
  name: string
  village: string
  reason: string
}

/** The incomplete children of an outcome with their names and villages from the listed teams ("#id" when unlisted). */
export function incompleteRows(outcome: Pick<AssignOutcome, 'incomplete'>, teams: readonly Team[]): IncompleteRow[] {
  const byId = new Map(teams.map((x) => [x.child_id, x]))
  return outcome.incomplete.map((i) => {
    const team = byId.get(i.child_id)
    return { child_id: i.child_id, name: team?.name ?? `#${i.child_id}`, village: team?.village ?? '', reason: i.reason }
  })
}

/** Counts of a listed set of teams. */
export function teamCounts(teams: readonly Team[]): { total: number; complete: number; incomplete: number } {
  const complete = teams.filter(teamComplete).length
  return { total: teams.length, complete, incomplete: teams.length - complete }
}

// ---- coverage: which villages a police station covers

/** The town a unit belongs to (its nearest ancestor of kind town), or null. */
export function townOf(units: readonly Unit[], unitId: number): number | null {
  const byId = new Map(units.map((u) => [u.id, u]))
  let u = byId.get(unitId)
  const seen = new Set<number>()
  while (u && !seen.has(u.id)) {
    seen.add(u.id)
    if (u.kind === 'town') return u.id
    u = u.parent_id != null ? byId.get(u.parent_id) : undefined
  }
  return null
}

/** The villages a station may cover: those of its township (every village when the tree does not say). */
export function stationVillages(units: readonly Unit[], stationId: number): { id: number; name: string }[] {
  const villages = units.filter((u) => u.kind === 'village')
  const town = townOf(units, stationId)
  const own = town == null ? villages : villages.filter((v) => townOf(units, v.id) === town)
  return (own.length ? own : villages).map((v) => ({ id: v.id, name: v.name }))
}

/** A station's coverage as edited: the default (every village of its township) or a chosen list. */
export interface CoverageDraft {
  stationId: number
  useDefault: boolean
  villageIds: number[]
}

export function draftOf(item: CoverageItem): CoverageDraft {
  return {
    stationId: item.station.id,
    useDefault: !item.configured,
    villageIds: item.configured ? item.villages.map((v) => v.id).sort((a, b) => a - b) : [],
  }
}

/** Whether the draft differs from what is stored. */
export function draftDirty(draft: CoverageDraft, item: CoverageItem): boolean {
  const stored = draftOf(item)
  if (draft.useDefault !== stored.useDefault) return true
  if (draft.useDefault) return false
  const a = [...draft.villageIds].sort((x, y) => x - y)
  return a.length !== stored.villageIds.length || a.some((id, i) => id !== stored.villageIds[i])
}

/** Adds or removes one village of a draft (chosen villages only; the default has none to toggle). */
export function toggleVillage(draft: CoverageDraft, villageId: number, on: boolean): CoverageDraft {
  const set = new Set(draft.villageIds)
  if (on) set.add(villageId)
  else set.delete(villageId)
  return { ...draft, useDefault: false, villageIds: [...set].sort((a, b) => a - b) }
}

/**
 * The body of PUT /care/coverage/{station}: `[]` for the default; the chosen villages otherwise.
 * An empty choice is an error (it would silently mean "every village"): the key of the message to show.
 */
export function draftPayload(draft: CoverageDraft): { village_ids: number[] } | { error: string } {
  if (draft.useDefault) return { village_ids: [] }
  if (!draft.villageIds.length) return { error: 'coverage.emptyChoice' }
  return { village_ids: [...draft.villageIds].sort((a, b) => a - b) }
}

// ---- dashboard

export interface VillageStack {
  categories: string[]
  series: StackSeries[]
}

/** Teams complete vs incomplete per village (villages with children only), for a stacked bar chart. */
export function teamsByVillage(t: T, villages: readonly DashboardVillage[]): VillageStack {
  const rows = villages.filter((v) => v.children > 0)
  return {
    categories: rows.map((v) => v.name),
    series: [
      { name: t('careDashboard.teamsComplete'), color: CHART_COLORS.green, values: rows.map((v) => v.teams_complete) },
      { name: t('careDashboard.teamsIncomplete'), color: CHART_COLORS.orange, values: rows.map((v) => v.teams_incomplete) },
    ],
  }
}

/** Visits overdue and due soon per village (villages with either only), most overdue first. */
export function visitsByVillage(t: T, villages: readonly DashboardVillage[]): VillageStack {
  const rows = villages
    .filter((v) => v.visits_overdue > 0 || v.visits_due_soon > 0)
    .sort((a, b) => b.visits_overdue - a.visits_overdue || b.visits_due_soon - a.visits_due_soon)
  return {
    categories: rows.map((v) => v.name),
    series: [
      { name: t('careDashboard.visitsOverdue'), color: CHART_COLORS.red, values: rows.map((v) => v.visits_overdue) },
      { name: t('careDashboard.visitsDueSoon'), color: CHART_COLORS.orange, values: rows.map((v) => v.visits_due_soon) },
    ],
  }
}
