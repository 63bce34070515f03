// The one HTTP client of the console: same-origin cookies, the CSRF header on state-changing calls,
// the API's error body turned into a Chinese message, and the session's life cycle (401 → /login,
// 403 stage codes → the forced pages).
import { ElMessage } from '@/utils/message'
import { useAuthStore } from '@/stores/auth'
import { boundRouter } from '@/router/navigation'
import { i18n } from '@/locales'

export const API_BASE = '/api/v1'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined
const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface RequestOptions {
  query?: Record<string, QueryValue>
  body?: unknown
  /** Do not show the error message: the caller shows it (e.g. beside a form field). */
  silent?: boolean
  /** Do not treat 401 as "session over" (login itself, and the first GET /auth/me). */
  skipAuthRedirect?: boolean
}

/** An error answered by the API, or a transport failure (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  /** The whole parsed error body, for answers that carry more than `error` (e.g. 409 visit_conflict's `current`). */
  readonly data?: unknown
  constructor(status: number, code: string, message: string, field?: string, data?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || undefined
    this.data = data
  }
}

/** Builds `/api/v1/path?k=v` leaving out empty values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = API_BASE + path
  if (!query) return url
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const s = params.toString()
  return s ? `${url}?${s}` : url
}

/** The API's `{"error":{code,message,field}}` body as an ApiError; a generic one when absent. */
export async function parseError(res: Response): Promise<ApiError> {
  let text = ''
  try {
    text = await res.text()
  } catch {
    /* no body */
  }
  return errorFromText(res.status, text)
}

/** The ApiError of a status and its body text (fetch and XMLHttpRequest alike). */
export function errorFromText(status: number, text: string): ApiError {
  let code = `http_${status}`
  let message = ''
  let field: string | undefined
  let body: unknown
  try {
    const data = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } }
    body = data
    if (data && data.error) {
      code = data.error.code || code
      message = data.error.message || ''
      field = data.error.field || undefined
    }
  } catch {
    /* not JSON: keep the generic message */
  }
  if (!message) message = genericMessage(status)
  return new ApiError(status, code, message, field, body)
}

function genericMessage(status: number): string {
  const t = i18n.global.t
  if (status === 401) return t('error.unauthenticated')
  if (status === 403) return t('error.forbidden')
  if (status === 404) return t('error.notFound')
  if (status === 413) return t('error.tooLarge')
  if (status === 429) return t('error.tooMany')
  if (status >= 500) return t('error.server')
  return t('error.unknown', { status })
}

function notify(message: string): void {
  ElMessage({ type: 'error', message, grouping: true, showClose: true })
}

function handleSessionErrors(err: ApiError, opts: RequestOptions): boolean {
  const router = boundRouter()
  if (err.status === 401 && !opts.skipAuthRedirect) {
    const auth = useAuthStore()
    const wasSignedIn = !!auth.me
    auth.clear()
    const current = router?.currentRoute.value
    if (router && current && current.path !== '/login') {
      const redirect = current.fullPath && current.fullPath !== '/' ? current.fullPath : undefined
      void router.push({ path: '/login', query: redirect ? { redirect } : {} })
    }
    // A session that expired is worth one message; a visitor who was never signed in needs none.
    if (wasSignedIn && !opts.silent) notify(err.message)
    return true
  }
  if (err.status === 403 && err.code === 'password_change_required') {
    void router?.push('/account/password')
    return true
  }
  if (err.status === 403 && err.code === 'totp_enrollment_required') {
    void router?.push('/account/totp')
    return true
  }
  return false
}

/** Calls the API; resolves with the parsed JSON (undefined for 204), rejects with ApiError. */
export async function request<T = unknown>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const init: RequestInit = { method, credentials: 'same-origin', headers }
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(opts.body)
  }
  if (STATE_CHANGING.has(method)) {
    const csrf = useAuthStore().csrf
    if (csrf) headers['X-CSRF-Token'] = csrf
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), init)
  } catch {
    const err = new ApiError(0, 'network_error', i18n.global.t('error.network'))
    if (!opts.silent) notify(err.message)
    throw err
  }

  if (!res.ok) {
    const err = await parseError(res)
    const handled = handleSessionErrors(err, opts)
    if (!handled && !opts.silent) notify(err.message)
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, opts: RequestOptions = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

// ---- raw bodies: uploads (plan documents, attachments) and file downloads (exports, attachments)

export interface UploadOptions {
  query?: Record<string, QueryValue>
  /** The body's media type; default: the file's own type, else application/octet-stream. */
  contentType?: string
  /** Called as the bytes go out (XMLHttpRequest upload progress). */
  onProgress?: (loaded: number, total: number) => void
  silent?: boolean
}

/** The media type to send a file as: the given one, else the file's, else application/octet-stream. */
export function uploadContentType(body: Blob, given?: string): string {
  return given || body.type || 'application/octet-stream'
}

/**
 * Sends `body` as the raw request body (not multipart) with its media type and the CSRF header, reporting
 * upload progress; resolves with the parsed JSON answer, rejects with ApiError like `request`.
 */
export function upload<T = unknown>(method: 'POST' | 'PUT', path: string, body: Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, buildUrl(path, opts.query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', uploadContentType(body, opts.contentType))
    const csrf = useAuthStore().csrf
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf)
    if (opts.onProgress && xhr.upload) {
      const report = opts.onProgress
      xhr.upload.onprogress = (e: ProgressEvent) => report(e.loaded, e.lengthComputable ? e.total : body.size)
    }
    xhr.onload = () => {
      const text = xhr.responseText || ''
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(body.size, body.size)
        try {
          resolve((text ? JSON.parse(text) : undefined) as T)
        } catch {
          resolve(undefined as T)
        }
        return
      }
      const err = errorFromText(xhr.status, text)
      const handled = handleSessionErrors(err, opts)
      if (!handled && !opts.silent) notify(err.message)
      reject(err)
    }
    xhr.onerror = () => {
      const err = new ApiError(0, 'network_error', i18n.global.t('error.network'))
      if (!opts.silent) notify(err.message)
      reject(err)
    }
    xhr.send(body)
  })
}

/** The file name of a Content-Disposition header: filename*=UTF-8'' first, else filename="…". */
export function filenameOf(disposition: string | null, fallback = 'download'): string {
  if (!disposition) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      /* malformed escape: fall through */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/.exec(disposition) ?? /filename\s*=\s*([^;]+)/.exec(disposition)
  return plain ? plain[1].trim() : fallback
}

/** GETs a file and saves it under the server's file name (errors shown like any API error). */
export async function download(path: string, query?: Record<string, QueryValue>): Promise<string> {
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), { method: 'GET', credentials: 'same-origin' })
  } catch {
    const err = new ApiError(0, 'network_error', i18n.global.t('error.network'))
    notify(err.message)
    throw err
  }
  if (!res.ok) {
    const err = await parseError(res)
    if (!handleSessionErrors(err, {})) notify(err.message)
    throw err
  }
  const blob = await res.blob()
  const name = filenameOf(res.headers.get('Content-Disposition'))
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}
