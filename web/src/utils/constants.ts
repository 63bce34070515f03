// Fixed vocabularies of the platform (labels come from the locale files).
import type { Scope, UnitKind } from '@/api/types'

export const UNIT_KINDS: UnitKind[] = [
  'town',
  'department',
  'police_station',
  'judicial_office',
  'womens_federation',
  'school',
  'village',
  'other',
]

export const SCOPES: Scope[] = ['own_unit', 'units', 'township']

/** The i18n key of a scope's label. */
export function scopeLabelKey(scope: Scope): string {
  return scope === 'units' ? 'grants.unitsScope' : `grants.${scope}`
}

/** Every list page offers the same page sizes. */
export const PAGE_SIZES = [10, 20, 50, 100]
