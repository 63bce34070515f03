// Shared test helpers: a fake fetch Response, a signed-in user and a stand-in XMLHttpRequest for raw uploads.
import type { Me } from '@/api/types'

export function fakeResponse(status: number, body?: unknown): Response {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: new Headers({ 'Content-Type': 'application/json' }),
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response
}

export function makeMe(over: Partial<Me> = {}): Me {
  return {
    id: 1,
    username: 'sysadmin',
    display_name: '系统管理员',
    unit: { id: 1, name: '五团镇', kind: 'town' },
    roles: [{ id: 1, role: 'sysadmin', label: '系统管理员', scope: 'township', unit_ids: [] }],
    permissions: ['org:unit:list', 'org:unit:create', 'org:user:list'],
    stage: 'full',
    totp_enabled: true,
    totp_required: true,
    csrf_token: 'csrf-123',
    ...over,
  }
}

/** A stand-in XMLHttpRequest that records the request and answers `next` (status 0: a network error), after
 * reporting upload progress; install with vi.stubGlobal('XMLHttpRequest', FakeXhr) and reset `last`/`next`. */
export class FakeXhr {
  static last: FakeXhr | null = null
  static next: { status: number; body: string } = { status: 200, body: '{}' }
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  withCredentials = false
  status = 0
  responseText = ''
  upload: { onprogress: ((e: Partial<ProgressEvent>) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v
  }
  send(body: unknown) {
    this.body = body
    FakeXhr.last = this
    queueMicrotask(() => {
      this.upload.onprogress?.({ loaded: 3, total: 6, lengthComputable: true })
      if (FakeXhr.next.status === 0) return this.onerror?.()
      this.status = FakeXhr.next.status
      this.responseText = FakeXhr.next.body
      this.onload?.()
    })
  }
}
