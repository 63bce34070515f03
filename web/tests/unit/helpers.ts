// Shared test helpers: a fake fetch Response and a signed-in user.
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
