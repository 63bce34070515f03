// /api/v1/supervision: 督办 actions addressed to units, their responses, closing, and the escalation
// proposals for overdue tasks (supervision module).
import { http } from './request'
import type {
  ListResult,
  SupervisionAction,
  SupervisionInput,
  SupervisionProposal,
  SupervisionQuery,
  SupervisionResponse,
} from './types'

/** POST /supervision: one action per unit; answers the created actions. */
export function createSupervision(data: SupervisionInput) {
  return http.post<ListResult<SupervisionAction>>('/supervision', data, { silent: true })
}

export function listSupervision(query: SupervisionQuery = {}) {
  return http.get<ListResult<SupervisionAction>>('/supervision', { ...query })
}

/** GET /supervision/proposals: the next rung of the ladder for each overdue (task, unit) pair. */
export function listProposals(campaignId?: number) {
  return http.get<ListResult<SupervisionProposal>>('/supervision/proposals', { campaign_id: campaignId })
}

export function getSupervision(id: number) {
  return http.get<SupervisionAction>(`/supervision/${id}`)
}

/** POST /supervision/{id}/responses: the addressed unit's response (rectification report). */
export function respondSupervision(id: number, text: string) {
  return http.post<SupervisionResponse>(`/supervision/${id}/responses`, { text })
}

/** POST /supervision/{id}/close: 409 evidence_required for 挂牌整治 without a response (shown by the caller). */
export function closeSupervision(id: number, note: string) {
  return http.post<SupervisionAction>(`/supervision/${id}/close`, { note }, { silent: true })
}
