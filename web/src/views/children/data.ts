// Schemas of the ledger page: the dialog form, its rules, and the payload built from it.
import type { FormRules } from 'element-plus'
import type { Child, ChildInput } from '@/api/children'

type T = (key: string, named?: Record<string, unknown>) => string

export interface ChildForm {
  name: string
  sex: string
  id_number: string
  village_id: number | null
  school_id: number | null
  class_name: string
  categories: string[]
  guardian: string
  guardian_sex: string
  guardian_phone: string
  parents_workplace: string
  carer: string
  health_note: string
  boarding: boolean
  risk_level: string
}

export function emptyChildForm(): ChildForm {
  return {
    name: '',
    sex: '',
    id_number: '',
    village_id: null,
    school_id: null,
    class_name: '',
    categories: [],
    guardian: '',
    guardian_sex: '',
    guardian_phone: '',
    parents_workplace: '',
    carer: '',
    health_note: '',
    boarding: false,
    risk_level: 'low',
  }
}

/** The form of an existing record; the ID number and phone stay empty (they are masked: empty = unchanged). */
export function formOfChild(c: Child): ChildForm {
  return {
    name: c.name,
    sex: c.sex,
    id_number: '',
    village_id: c.village?.id ?? null,
    school_id: c.school?.id ?? null,
    class_name: c.class_name ?? '',
    categories: [...c.categories],
    guardian: c.guardian ?? '',
    guardian_sex: c.guardian_sex ?? '',
    guardian_phone: '',
    parents_workplace: c.parents_workplace ?? '',
    carer: c.carer ?? '',
    health_note: c.health_note ?? '',
    boarding: c.boarding,
    risk_level: c.risk_level || 'low',
  }
}

/** The request body; on update an empty ID number or phone is left out (unchanged). */
export function childPayload(f: ChildForm, editing: boolean): ChildInput {
  const body: ChildInput = {
    name: f.name.trim(),
    village_id: f.village_id ?? undefined,
    school_id: f.school_id ?? null,
    class_name: f.class_name.trim(),
    categories: [...f.categories],
    guardian: f.guardian.trim(),
    parents_workplace: f.parents_workplace.trim(),
    carer: f.carer.trim(),
    health_note: f.health_note.trim(),
    boarding: f.boarding,
    risk_level: f.risk_level || 'low',
  }
  if (f.sex) body.sex = f.sex
  if (f.guardian_sex) body.guardian_sex = f.guardian_sex
  const id = f.id_number.trim()
  if (id || !editing) body.id_number = id
  const phone = f.guardian_phone.trim()
  if (phone) body.guardian_phone = phone
  return body
}

export function childRules(t: T, editing: boolean): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('common.required', { field: t('children.name') }), trigger: 'blur' }],
    id_number: editing
      ? []
      : [{ required: true, whitespace: true, message: t('common.required', { field: t('children.idNumber') }), trigger: 'blur' }],
    village_id: [{ required: true, message: t('common.requiredSelect', { field: t('children.village') }), trigger: 'change' }],
    categories: [
      { type: 'array', required: true, min: 1, message: t('common.requiredSelect', { field: t('children.categories') }), trigger: 'change' },
    ],
  }
}

/** The form fields a server error's `field` may name (others are shown as a message). */
export const CHILD_FORM_FIELDS: readonly (keyof ChildForm)[] = [
  'name',
  'sex',
  'id_number',
  'village_id',
  'school_id',
  'class_name',
  'categories',
  'guardian',
  'guardian_sex',
  'guardian_phone',
  'parents_workplace',
  'carer',
  'health_note',
  'boarding',
  'risk_level',
]

/** The form field a server error's `field` names (`categories[2]` → categories), or null. */
export function formFieldOf(field: string | undefined): keyof ChildForm | null {
  if (!field) return null
  const base = field.replace(/\[\d+\]$/, '') as keyof ChildForm
  return CHILD_FORM_FIELDS.includes(base) ? base : null
}
