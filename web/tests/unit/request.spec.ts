import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeResponse, makeMe } from './helpers'

const { push, currentRoute, message } = vi.hoisted(() => ({
  push: vi.fn(),
  currentRoute: { value: { path: '/units', fullPath: '/units?q=村' } },
  message: vi.fn(),
}))
vi.mock('@/router/navigation', () => ({ boundRouter: () => ({ push, currentRoute }) }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: {} }))

import { ApiError, buildUrl, http, request } from '@/api/request'
import { useAuthStore } from '@/stores/auth'

const fetchMock = vi.fn()

beforeEach(() => {
  setActivePinia(createPinia())
  fetchMock.mockReset()
  push.mockReset()
  message.mockReset()
  currentRoute.value = { path: '/units', fullPath: '/units?q=村' }
  vi.stubGlobal('fetch', fetchMock)
  useAuthStore().setMe(makeMe())
})

/** The ApiError a call rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    return e as ApiError
  }
  throw new Error('expected the call to fail')
}

function lastInit(): RequestInit & { headers: Record<string, string> } {
  return fetchMock.mock.calls[fetchMock.mock.calls.length - 1][1]
}

describe('request client', () => {
  it('adds the CSRF header on POST and sends same-origin credentials', async () => {
    fetchMock.mockResolvedValue(fakeResponse(201, { id: 9 }))
    const res = await http.post<{ id: number }>('/units', { name: '测试村' })
    expect(res).toEqual({ id: 9 })
    const [url] = fetchMock.mock.calls[0]
    const init = lastInit()
    expect(url).toBe('/api/v1/units')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect(init.headers['X-CSRF-Token']).toBe('csrf-123')
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(String(init.body))).toEqual({ name: '测试村' })
  })

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('adds the CSRF header on %s', async (method) => {
    fetchMock.mockResolvedValue(fakeResponse(204))
    await request(method, '/units/1')
    expect(lastInit().headers['X-CSRF-Token']).toBe('csrf-123')
  })

  it('does not add the CSRF header on GET', async () => {
    fetchMock.mockResolvedValue(fakeResponse(200, { items: [], total: 0 }))
    await http.get('/units', { q: '村', kind: '' })
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/units?q=%E6%9D%91')
    expect(lastInit().headers['X-CSRF-Token']).toBeUndefined()
    expect(lastInit().credentials).toBe('same-origin')
  })

  it('resolves undefined for 204', async () => {
    fetchMock.mockResolvedValue(fakeResponse(204))
    await expect(http.delete('/units/3')).resolves.toBeUndefined()
  })

  it('turns the error body into an ApiError and shows its message', async () => {
    fetchMock.mockResolvedValue(
      fakeResponse(409, { error: { code: 'unit_in_use', message: '该单位下还有用户，不能删除', field: '' } }),
    )
    const err = await failure(http.delete('/units/3'))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(409)
    expect(err.code).toBe('unit_in_use')
    expect(err.message).toBe('该单位下还有用户，不能删除')
    expect(err.field).toBeUndefined()
    expect(message).toHaveBeenCalledTimes(1)
    expect(message.mock.calls[0][0]).toMatchObject({ type: 'error', message: '该单位下还有用户，不能删除' })
  })

  it('keeps the field of a validation error and stays quiet when asked', async () => {
    fetchMock.mockResolvedValue(
      fakeResponse(400, { error: { code: 'weak_password', message: '密码至少需要 10 个字符', field: 'new_password' } }),
    )
    const err = await failure(http.post('/auth/password', {}, { silent: true }))
    expect(err.field).toBe('new_password')
    expect(message).not.toHaveBeenCalled()
  })

  it('falls back to a Chinese message when the body is not the API error shape', async () => {
    fetchMock.mockResolvedValue(fakeResponse(502, '<html>Bad gateway</html>'))
    const err = await failure(http.get('/units'))
    expect(err.code).toBe('http_502')
    expect(err.message).toBe('服务器出错，请稍后再试')
  })

  it('reports a network failure', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await failure(http.get('/units'))
    expect(err.status).toBe(0)
    expect(err.message).toBe('无法连接服务器，请检查网络')
    expect(message).toHaveBeenCalledTimes(1)
  })

  it('on 401 clears the store and routes to /login with the current page', async () => {
    fetchMock.mockResolvedValue(fakeResponse(401, { error: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }))
    await expect(http.get('/units')).rejects.toBeInstanceOf(ApiError)
    const auth = useAuthStore()
    expect(auth.me).toBeNull()
    expect(auth.csrf).toBe('')
    expect(push).toHaveBeenCalledWith({ path: '/login', query: { redirect: '/units?q=村' } })
  })

  it('does not redirect on 401 when the caller handles it (login)', async () => {
    fetchMock.mockResolvedValue(fakeResponse(401, { error: { code: 'totp_required', message: '请输入动态码', field: 'totp' } }))
    const err = await failure(http.post('/auth/login', {}, { silent: true, skipAuthRedirect: true }))
    expect(err.code).toBe('totp_required')
    expect(push).not.toHaveBeenCalled()
    expect(useAuthStore().me).not.toBeNull()
  })

  it('routes 403 password_change_required to /account/password', async () => {
    fetchMock.mockResolvedValue(fakeResponse(403, { error: { code: 'password_change_required', message: '请先修改密码' } }))
    await http.get('/users').catch(() => undefined)
    expect(push).toHaveBeenCalledWith('/account/password')
    expect(message).not.toHaveBeenCalled()
  })

  it('routes 403 totp_enrollment_required to /account/totp', async () => {
    fetchMock.mockResolvedValue(fakeResponse(403, { error: { code: 'totp_enrollment_required', message: '请先启用两步验证' } }))
    await http.get('/users').catch(() => undefined)
    expect(push).toHaveBeenCalledWith('/account/totp')
  })

  it('shows other 403 errors as messages', async () => {
    fetchMock.mockResolvedValue(fakeResponse(403, { error: { code: 'forbidden', message: '没有权限' } }))
    await http.get('/audit').catch(() => undefined)
    expect(push).not.toHaveBeenCalled()
    expect(message.mock.calls[0][0]).toMatchObject({ message: '没有权限' })
  })
})

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/users', { q: '', unit_id: 3, page: 1, x: undefined, y: null })).toBe('/api/v1/users?unit_id=3&page=1')
    expect(buildUrl('/users')).toBe('/api/v1/users')
  })
})
