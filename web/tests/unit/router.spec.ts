// The real router with its guard, driven through the auth store: the stage redirects end to end.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeResponse, makeMe } from './helpers'

vi.mock('@/utils/message', () => ({ ElMessage: vi.fn(), ElMessageBox: {} }))

import router from '@/router'
import { useAuthStore } from '@/stores/auth'

const fetchMock = vi.fn()

beforeEach(async () => {
  setActivePinia(createPinia())
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('scrollTo', () => undefined)
})

describe('router guard with the auth store', () => {
  it('asks GET /auth/me once and sends a visitor to /login', async () => {
    fetchMock.mockResolvedValue(fakeResponse(401, { error: { code: 'unauthenticated', message: '未登录' } }))
    await router.push('/users')
    expect(router.currentRoute.value.path).toBe('/login')
    expect(router.currentRoute.value.query.redirect).toBe('/users')
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/auth/me')
  })

  it('keeps a must_change_password session on the password page', async () => {
    useAuthStore().setMe(makeMe({ stage: 'must_change_password' }))
    await router.push('/units')
    expect(router.currentRoute.value.path).toBe('/account/password')
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/account/password')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('keeps a must_enroll_totp session on the enrolment page', async () => {
    useAuthStore().setMe(makeMe({ stage: 'must_enroll_totp' }))
    await router.push('/users')
    expect(router.currentRoute.value.path).toBe('/account/totp')
  })

  it('lets a full session open permitted pages and stops it at 403 otherwise', async () => {
    useAuthStore().setMe(makeMe({ stage: 'full', permissions: ['org:unit:list'] }))
    await router.push('/units')
    expect(router.currentRoute.value.path).toBe('/units')
    await router.push('/audit')
    expect(router.currentRoute.value.path).toBe('/403')
  })
})
