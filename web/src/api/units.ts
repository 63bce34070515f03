// /api/v1/units: the unit tree (org module).
import { http } from './request'
import type { ListResult, Unit, UnitInput, UnitKind } from './types'

export function listUnits(query: { q?: string; kind?: UnitKind | '' } = {}) {
  return http.get<ListResult<Unit>>('/units', query)
}

export function getUnit(id: number) {
  return http.get<Unit>(`/units/${id}`)
}

export function createUnit(data: UnitInput) {
  return http.post<Unit>('/units', data)
}

export function updateUnit(id: number, data: UnitInput) {
  return http.put<Unit>(`/units/${id}`, data)
}

export function deleteUnit(id: number) {
  return http.delete(`/units/${id}`)
}
