// Schemas of the units page: search fields, table columns and the dialog form, as data.
import type { FormRules } from 'element-plus'
import type { UnitKind } from '@/api/types'

type T = (key: string, named?: Record<string, unknown>) => string

export interface UnitForm {
  name: string
  kind: UnitKind | ''
  parent_id: number | null
  code: string
  aliases: string[]
}

export function emptyUnitForm(parentId: number | null = null): UnitForm {
  return { name: '', kind: '', parent_id: parentId, code: '', aliases: [] }
}

export interface Column {
  prop: string
  label: string
  minWidth?: number
  width?: number
  slot?: string
  /** Ellipsis with a tooltip instead of wrapping (long names in a deep tree). */
  tooltip?: boolean
}

export function unitColumns(t: T): Column[] {
  return [
    { prop: 'name', label: t('units.name'), minWidth: 260, tooltip: true },
    { prop: 'kind', label: t('units.kind'), minWidth: 150, slot: 'kind' },
    { prop: 'code', label: t('units.code'), minWidth: 140, slot: 'code' },
    { prop: 'aliases', label: t('units.aliases'), minWidth: 200, slot: 'aliases' },
  ]
}

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function unitRules(t: T): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('common.required', { field: t('units.name') }), trigger: 'blur' }],
    kind: [{ required: true, message: t('common.requiredSelect', { field: t('units.kind') }), trigger: 'change' }],
    code: [
      { required: true, message: t('common.required', { field: t('units.code') }), trigger: 'blur' },
      { pattern: CODE_PATTERN, message: t('units.codePlaceholder'), trigger: 'blur' },
    ],
  }
}
