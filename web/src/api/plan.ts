// /api/v1/campaigns, /tasks, /progress, /attachments, /todo: campaigns from a work plan, their task tree,
// progress reports with attachments, the office's matrix and exports, a unit's to-do list (plan module).
import { API_BASE, download, http, upload, type UploadOptions } from './request'
import type {
  Attachment,
  Campaign,
  CampaignInput,
  CampaignSummary,
  CampaignUpdate,
  ListResult,
  Matrix,
  MatrixQuery,
  ParseReview,
  ProgressInput,
  ProgressReport,
  TaskDetail,
  TaskUpdate,
  Todo,
} from './types'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The media type the parse endpoint expects for a plan document: .docx, else UTF-8 text. */
export function planDocumentType(filename: string): string {
  return /\.docx$/i.test(filename) ? DOCX_TYPE : 'text/plain; charset=utf-8'
}

/** POST /campaigns/parse?filename=: the document as the raw body; answers the review (nothing stored). */
export function parseDocument(file: File, opts: Pick<UploadOptions, 'onProgress'> = {}) {
  return upload<ParseReview>('POST', '/campaigns/parse', file, {
    query: { filename: file.name },
    contentType: planDocumentType(file.name),
    onProgress: opts.onProgress,
  })
}

export function listCampaigns() {
  return http.get<ListResult<CampaignSummary>>('/campaigns')
}

export function getCampaign(id: number) {
  return http.get<Campaign>(`/campaigns/${id}`)
}

/** POST /campaigns: the reviewed tree; validation errors carry a field such as tasks[3].unit_ids. */
export function createCampaign(data: CampaignInput) {
  return http.post<Campaign>('/campaigns', data)
}

export function updateCampaign(id: number, data: CampaignUpdate) {
  return http.put<Campaign>(`/campaigns/${id}`, data)
}

export function getMatrix(id: number, query: MatrixQuery = {}) {
  return http.get<Matrix>(`/campaigns/${id}/matrix`, { ...query })
}

/** GET /campaigns/{id}/export/tasks.xlsx: the 任务分解表, saved under the server's file name. */
export function exportTasks(id: number) {
  return download(`/campaigns/${id}/export/tasks.xlsx`)
}

/** GET /campaigns/{id}/export/matrix.xlsx: the progress matrix. */
export function exportMatrix(id: number) {
  return download(`/campaigns/${id}/export/matrix.xlsx`)
}

export function getTask(id: number) {
  return http.get<TaskDetail>(`/tasks/${id}`)
}

export function updateTask(id: number, data: TaskUpdate) {
  return http.put<TaskDetail>(`/tasks/${id}`, data)
}

/** POST /tasks/{id}/progress: a report for one of the caller's units; attachments follow one by one. */
export function createProgress(taskId: number, data: ProgressInput) {
  return http.post<ProgressReport>(`/tasks/${taskId}/progress`, data)
}

/** PUT /progress/{id}/attachments?filename=: one file as the raw body. */
export function uploadAttachment(reportId: number, file: File, opts: Pick<UploadOptions, 'onProgress' | 'silent'> = {}) {
  return upload<Attachment>('PUT', `/progress/${reportId}/attachments`, file, {
    query: { filename: file.name },
    onProgress: opts.onProgress,
    silent: opts.silent,
  })
}

/** The address of an attachment (GET /attachments/{id}; the server answers it as a download). */
export function attachmentUrl(id: number): string {
  return `${API_BASE}/attachments/${id}`
}

/** GET /todo: the caller's tasks needing attention and the open 督办 addressed to his units. */
export function getTodo() {
  return http.get<Todo>('/todo')
}
