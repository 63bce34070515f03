// Schemas of the care persons page: the dialog form, its rules, and the payloads built from it.
import type { FormRules } from 'element-plus'
import type { CareAccount, CarePerson, CarePersonCreate, CarePersonUpdate, CareRole } from '@/api/care'
import type { Unit } from '@/api/types'
import { CARE_UNIT_KINDS, rolesForKind } from '@/utils/care'

type T = (key: string, named?: Record<string, unknown>) => string

export interface PersonForm {
  name: string
  sex: 'M' | 'F' | ''
  unit_id: number | null
  role: CareRole | ''
  /** Empty on edit = unchanged (the stored phone is masked); a new number replaces it. */
  phone: string
  /** On edit: remove the stored phone (the dialog's 清除 action); a number typed in wins. */
  phone_clear: boolean
  user_id: number | null
}

export function emptyPersonForm(): PersonForm {
  return { name: '', sex: '', unit_id: null, role: '', phone: '', phone_clear: false, user_id: null }
}

export function formOfPerson(p: CarePerson): PersonForm {
  return {
    name: p.name,
    sex: p.sex === 'M' || p.sex === 'F' ? p.sex : '',
    unit_id: p.unit?.id ?? null,
    role: p.role as CareRole,
    phone: '',
    phone_clear: false,
    user_id: p.user?.id ?? null,
  }
}

export function createPayload(f: PersonForm): CarePersonCreate {
  const body: CarePersonCreate = { name: f.name.trim(), sex: f.sex as 'M' | 'F', role: f.role as CareRole, unit_id: f.unit_id! }
  const phone = f.phone.trim()
  if (phone) body.phone = phone
  if (f.user_id) body.user_id = f.user_id
  return body
}

/**
 * Only what changed: a blank phone keeps the stored one, `phone_clear` removes it (`phone: ''`); clearing the
 * account sends `user_id: null`.
 */
export function updatePayload(f: PersonForm, p: CarePerson): CarePersonUpdate {
  const body: CarePersonUpdate = {}
  if (f.name.trim() !== p.name) body.name = f.name.trim()
  if (f.sex && f.sex !== p.sex) body.sex = f.sex
  if (f.role && f.role !== p.role) body.role = f.role
  const phone = f.phone.trim()
  if (phone) body.phone = phone
  else if (f.phone_clear && p.phone) body.phone = ''
  const before = p.user?.id ?? null
  if (f.user_id !== before) body.user_id = f.user_id
  return body
}

export interface AccountOption {
  id: number
  label: string
  /** Another active care person is linked to this account already (linking it here is still allowed). */
  linkedElsewhere: boolean
}

/** The link select's options: the unit's active accounts (GET /care/accounts), the person's own always offered. */
export function accountOptions(accounts: readonly CareAccount[], person: CarePerson | null): AccountOption[] {
  const label = (a: { display_name: string; username: string }) => `${a.display_name}（${a.username}）`
  const out = accounts.map((a) => ({ id: a.id, label: label(a), linkedElsewhere: a.linked_person_id !== null && a.linked_person_id !== person?.id }))
  const linked = person?.user
  if (linked && !out.some((a) => a.id === linked.id)) out.unshift({ id: linked.id, label: label(linked), linkedElsewhere: false })
  return out
}

/** The units a care person may belong to (villages, schools, police stations), by kind then name. */
export function careUnits(units: readonly Unit[]): Unit[] {
  const order = (k: string) => (CARE_UNIT_KINDS as readonly string[]).indexOf(k)
  return units
    .filter((u) => order(u.kind) >= 0)
    .sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** The role to preselect when the unit changes: kept when it still fits, the only one when there is one. */
export function roleAfterUnitChange(role: CareRole | '', kind: string | undefined): CareRole | '' {
  const fits = rolesForKind(kind)
  if (role && fits.includes(role)) return role
  return fits.length === 1 ? fits[0] : ''
}

export function personRules(t: T): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('common.required', { field: t('care.name') }), trigger: 'blur' }],
    sex: [{ required: true, message: t('common.requiredSelect', { field: t('care.sex') }), trigger: 'change' }],
    unit_id: [{ required: true, message: t('common.requiredSelect', { field: t('care.unit') }), trigger: 'change' }],
    role: [{ required: true, message: t('common.requiredSelect', { field: t('care.role') }), trigger: 'change' }],
    phone: [{ pattern: /^(\+?86)?\s*1\d{10}$|^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, message: t('care.phoneInvalid'), trigger: 'blur' }],
  }
}

/**
 * The units whose care persons the caller may list and manage: with children:care:all_units (the office) the
 * care units of his grants' scope, else his own unit alone. The server decides; this only keeps the select short.
 */
export function manageableUnits(
  units: readonly Unit[],
  me: { unit: { id: number }; roles: { scope: string; unit_ids: number[] }[]; permissions: string[] } | null,
): Unit[] {
  const all = careUnits(units)
  if (!me) return []
  // As the server's care_units: only a role holding children:care:all_units (the office) keeps its grant's
  // scope; every other grant covers the account's own unit alone.
  if (!me.permissions.includes('children:care:all_units')) return all.filter((u) => u.id === me.unit.id)
  if (me.roles.some((g) => g.scope === 'township')) return all
  const ids = new Set<number>([me.unit.id, ...me.roles.flatMap((g) => (g.scope === 'units' ? g.unit_ids : []))])
  return all.filter((u) => ids.has(u.id))
}
