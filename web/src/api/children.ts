// /api/v1/children: the 重点儿童台账 (children module) — list, record, reveal, import preview/commit,
// template and export downloads, the data-quality report.
import { download, http, upload, type UploadOptions } from './request'
import type { ListResult } from './types'

export interface UnitRef {
  id: number
  name: string
}

export type ChildStatus = 'active' | 'archived'
export type RiskLevel = 'low' | 'medium' | 'high'

/** A list item: the ID number masked; the name masked for callers who do not keep the village. */
export interface ChildSummary {
  id: number
  name: string
  sex: 'M' | 'F' | string
  age: number
  village: UnitRef | null
  school: UnitRef | null
  categories: string[]
  category_labels: string[]
  id_number: string
  risk_level: RiskLevel | string
  status: ChildStatus | string
}

/** The full record (GET /children/{id}); `guardian_phone` masked. */
export interface Child extends ChildSummary {
  birth_date: string
  class_name: string | null
  guardian: string | null
  guardian_sex: string | null
  guardian_phone: string | null
  parents_workplace: string | null
  carer: string | null
  health_note: string | null
  boarding: boolean
  archived_at: number | null
  created_at: number
  updated_at: number
}

/** Create / update body; on update fields left out are unchanged, "" clears an optional text. */
export interface ChildInput {
  name?: string
  sex?: string
  id_number?: string
  village_id?: number
  school_id?: number | null
  class_name?: string
  categories?: string[]
  guardian?: string
  guardian_sex?: string
  guardian_phone?: string
  parents_workplace?: string
  carer?: string
  health_note?: string
  boarding?: boolean
  risk_level?: string
}

export interface ChildQuery {
  village_id?: number | null
  category?: string
  q?: string
  status?: 'active' | 'archived' | 'all' | ''
  page?: number
  page_size?: number
}

export interface Revealed {
  id_number: string
  guardian_phone: string | null
}

export type ImportAction = 'create' | 'update' | 'reject'

export interface ImportRow {
  row: number
  action: ImportAction | string
  reason: string
  name: string
}

export interface ImportResult {
  rows: ImportRow[]
  created: number
  updated: number
  rejected: number
  committed: boolean
}

export interface DuplicateGroup {
  kind: 'same_id' | 'name_birth' | string
  child_ids: number[]
  villages: string[]
  message: string
}

export interface QualityItem {
  child_id: number
  name: string
  village: string
  code: 'adult_active' | 'missing_guardian_contact' | 'missing_school' | string
  message: string
}

export interface QualityReport {
  office: boolean
  duplicates: DuplicateGroup[]
  items: QualityItem[]
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The media type of a ledger sheet: .csv as text/csv, anything else as .xlsx (the server sniffs the zip). */
export function sheetType(filename: string): string {
  return /\.csv$/i.test(filename) ? 'text/csv' : XLSX_TYPE
}

/** GET /children: `{items, total}`; status defaults to active on the server. */
export function listChildren(query: ChildQuery = {}) {
  return http.get<ListResult<ChildSummary>>('/children', { ...query })
}

export function getChild(id: number) {
  return http.get<Child>(`/children/${id}`)
}

/** POST /children (silent: the dialog shows a field error beside its field). */
export function createChild(data: ChildInput) {
  return http.post<Child>('/children', data, { silent: true })
}

export function updateChild(id: number, data: ChildInput) {
  return http.put<Child>(`/children/${id}`, data, { silent: true })
}

/** POST /children/{id}/reveal: the plain ID number and guardian phone, logged with the reason. */
export function revealChild(id: number, reason: string) {
  return http.post<Revealed>(`/children/${id}/reveal`, { reason })
}

/** GET /children/template.xlsx: the empty import sheet. */
export function downloadChildTemplate() {
  return download('/children/template.xlsx')
}

/** GET /children/export.xlsx: the caller's active children (plain IDs only for the township office). */
export function exportChildren() {
  return download('/children/export.xlsx')
}

/**
 * PUT /children/import?filename=&commit=0|1 with the sheet as the raw body. commit=0 previews; commit=1
 * writes all or nothing (409 import_rejected when a row is rejected — silent, the dialog shows it).
 */
export function importChildren(file: File, commit: boolean, opts: Pick<UploadOptions, 'onProgress'> = {}) {
  return upload<ImportResult>('PUT', '/children/import', file, {
    query: { filename: file.name, commit: commit ? 1 : 0 },
    contentType: sheetType(file.name),
    onProgress: opts.onProgress,
    silent: commit,
  })
}

/** POST /children/archive-adults (township office): archives every active child aged 18 or more. */
export function archiveAdults() {
  return http.post<{ archived: number }>('/children/archive-adults')
}

export function getChildrenQuality() {
  return http.get<QualityReport>('/children/quality')
}
