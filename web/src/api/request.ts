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
  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field || undefined
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
  let code = `http_${res.status}`
  let message = ''
  let field: string | undefined
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string; field?: string } }
    if (data && data.error) {
      code = data.error.code || code
      message = data.error.message || ''
      field = data.error.field || undefined
    }
  } catch {
    /* not JSON: keep the generic message */
  }
  if (!message) message = genericMessage(res.status)
  return new ApiError(res.status, code, message, field)
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
