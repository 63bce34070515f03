// /api/v1/…/visits: home visits (走访) of a child — record, list, edit (version-checked: 409 visit_conflict
// carries the current visit), photos, the due list, the office's urgent follow-ups and their acknowledgement.
import { API_BASE, ApiError, http, upload } from './request'
import type { UnitRef } from './types'

export type VisitMethod = 'home' | 'school' | 'phone'
export const VISIT_METHODS: readonly VisitMethod[] = ['home', 'school', 'phone']

export interface VisitPhoto {
  id: number
  filename: string
  content_type: string
  size: number
  created_at: number
  /** A retried upload (its client_id already stored for the visit): the photo stored the first time. */
  replayed?: boolean
}

export interface Visit {
  id: number
  child_id: number
  visited_at: number
  visitor_person_id: number | null
  visitor_user_id: number | null
  method: VisitMethod | string
  findings: string
  risks: string | null
  follow_up: string | null
  urgent: boolean
  suspected_harm: boolean
  version: number
  created_at: number
  updated_at: number
  created_by: number | null
  updated_by: number | null
  urgent_acknowledged_at: number | null
  urgent_acknowledged_by: string | null
  urgent_ack_note: string | null
  photos: VisitPhoto[]
}

/** The answer of a create or an edit. */
export interface VisitSaved extends Visit {
  /** The save made the follow-up urgent: the township office has it on its to-do. */
  notify_office: boolean
  /** Suspected harm was recorded: offer the 强制报告 (mandatory report). */
  offer_mandatory_report: boolean
  /** A retried create (its client_id already recorded): the visit stored the first time, nothing written. */
  replayed?: boolean
}

/** Fields of a new visit, or of an edit (fields left out are unchanged; null clears risks / follow_up). */
export interface VisitInput {
  visited_at?: number
  method?: VisitMethod | string
  findings?: string
  risks?: string | null
  follow_up?: string | null
  urgent?: boolean
  suspected_harm?: boolean
  visitor_person_id?: number | null
}

export interface VisitEditInput extends VisitInput {
  /** The version the edit was based on. */
  version: number
}

/** One child on the due list (overdue or due soon). */
export interface VisitDueItem {
  child_id: number
  name: string
  village: UnitRef
  categories: string[]
  risk_level: string
  interval_days: number
  last_visited_at: number | null
  due_date: string
  days_left: number
  status: 'overdue' | 'due_soon' | string
  /** The child is on a team of a care person linked to the caller's account. */
  mine?: boolean
}

/** An urgent follow-up that the township office has not acknowledged yet. */
export interface UrgentVisit {
  visit_id: number
  child_id: number
  child_name: string
  village: UnitRef
  visited_at: number
  follow_up: string | null
  suspected_harm: boolean
  /** The display name of the account that recorded the visit. */
  recorded_by: string | null
}

/**
 * POST /children/{id}/visits (silent: the form shows the error). `clientId` (the outbox item's id) makes a
 * retry safe: when the first attempt was recorded but its answer lost, the server answers 200 with that visit
 * (`replayed`) instead of 201 with a second one; both are a success here.
 */
export function createVisit(childId: number, input: VisitInput, clientId?: string) {
  const body = clientId ? { ...input, client_id: clientId } : input
  return http.post<VisitSaved>(`/children/${childId}/visits`, body, { silent: true })
}

/** GET /children/{id}/visits: newest first. */
export function listVisits(childId: number) {
  return http.get<{ items: Visit[] }>(`/children/${childId}/visits`)
}

/** PUT /visits/{id} with the base version (silent: a 409 visit_conflict is resolved by the user). */
export function updateVisit(visitId: number, input: VisitEditInput) {
  return http.put<VisitSaved>(`/visits/${visitId}`, input, { silent: true })
}

/** The server's current visit of a 409 visit_conflict; null for any other error. */
export function conflictOf(err: unknown): Visit | null {
  if (!(err instanceof ApiError) || err.status !== 409 || err.code !== 'visit_conflict') return null
  const current = (err.data as { current?: Visit } | undefined)?.current
  return current && typeof current === 'object' ? current : null
}

/** GET /visits/due; `mine` lists only the children on the caller's own teams. */
export function listDueVisits(query: { village_id?: number | null; mine?: boolean } = {}) {
  return http.get<{ items: VisitDueItem[] }>('/visits/due', {
    village_id: query.village_id,
    mine: query.mine ? 1 : undefined,
  })
}

/**
 * POST /visits/{id}/photos?filename=&client_id= with the image as the raw body (silent: the caller shows the
 * error). `clientId` (the photo's outbox id) makes a retry safe: a repeat answers 200 with the stored photo.
 */
export function uploadVisitPhoto(visitId: number, photo: Blob, filename: string, clientId?: string) {
  return upload<VisitPhoto>('POST', `/visits/${visitId}/photos`, photo, {
    query: { filename, client_id: clientId },
    contentType: photo.type || 'image/jpeg',
    silent: true,
  })
}

/** The address of a photo's bytes (GET /visit-photos/{id}, audited), for an <img>. */
export function visitPhotoUrl(photoId: number): string {
  return `${API_BASE}/visit-photos/${photoId}`
}

/** GET /visits/urgent: unacknowledged urgent follow-ups (the township office). */
export function listUrgentVisits() {
  return http.get<{ items: UrgentVisit[] }>('/visits/urgent')
}

/** POST /visits/{id}/acknowledge: the office has taken note of an urgent follow-up. */
export function acknowledgeVisit(visitId: number, note?: string) {
  const body = note && note.trim() ? { note: note.trim() } : {}
  return http.post<Visit>(`/visits/${visitId}/acknowledge`, body)
}
