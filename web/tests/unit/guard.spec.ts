import { describe, expect, it } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import { decideNavigation, landingPath, type GuardUser } from '@/router/guard'
import type { Stage } from '@/api/types'

type Meta = RouteLocationNormalized['meta']
const to = (path: string, meta: Meta = {}, query: Record<string, string> = {}) => ({
  path,
  fullPath: path + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''),
  meta,
  query,
})
const user = (stage: Stage, perms: string[] = []): GuardUser => ({ stage, can: (p) => perms.includes(p) })

const LOGIN = { public: true }
const FORCE_PW = { forStage: 'must_change_password' as const }
const FORCE_TOTP = { forStage: 'must_enroll_totp' as const }
const UNITS = { permission: 'org:unit:list' }

describe('router guard: signed out', () => {
  it('lets anyone open the login page', () => {
    expect(decideNavigation(to('/login', LOGIN), null)).toBe(true)
  })
  it('sends a visitor to /login, remembering where they wanted to go', () => {
    expect(decideNavigation(to('/units', UNITS), null)).toEqual({ path: '/login', query: { redirect: '/units' } })
    expect(decideNavigation(to('/', {}), null)).toEqual({ path: '/login' })
  })
  it('does not let a visitor reach the forced pages', () => {
    expect(decideNavigation(to('/account/password', FORCE_PW), null)).toMatchObject({ path: '/login' })
  })
})

describe('router guard: stage must_change_password', () => {
  const u = user('must_change_password', ['org:unit:list', 'org:user:list'])
  it('forces every page to the password change', () => {
    for (const [path, meta] of [
      ['/', {}],
      ['/units', UNITS],
      ['/account', {}],
      ['/account/totp', FORCE_TOTP],
      ['/login', LOGIN],
    ] as [string, Meta][]) {
      expect(decideNavigation(to(path, meta), u)).toBe('/account/password')
    }
  })
  it('allows the password change page itself', () => {
    expect(decideNavigation(to('/account/password', FORCE_PW), u)).toBe(true)
  })
})

describe('router guard: stage must_enroll_totp', () => {
  const u = user('must_enroll_totp', ['org:unit:list'])
  it('forces every page to the 2FA enrolment', () => {
    expect(decideNavigation(to('/units', UNITS), u)).toBe('/account/totp')
    expect(decideNavigation(to('/account/password', FORCE_PW), u)).toBe('/account/totp')
    expect(decideNavigation(to('/login', LOGIN), u)).toBe('/account/totp')
  })
  it('allows the enrolment page itself', () => {
    expect(decideNavigation(to('/account/totp', FORCE_TOTP), u)).toBe(true)
  })
})

describe('router guard: stage full', () => {
  const u = user('full', ['org:unit:list'])
  it('opens pages whose permission the user holds', () => {
    expect(decideNavigation(to('/', {}), u)).toBe(true)
    expect(decideNavigation(to('/units', UNITS), u)).toBe(true)
  })
  it('sends pages without the permission to 403', () => {
    expect(decideNavigation(to('/users', { permission: 'org:user:list' }), u)).toBe('/403')
  })
  it('sends the forced pages to my account once the session is complete', () => {
    expect(decideNavigation(to('/account/password', FORCE_PW), u)).toBe('/account')
    expect(decideNavigation(to('/account/totp', FORCE_TOTP), u)).toBe('/account')
  })
  it('sends a signed-in user away from /login, honouring a safe redirect only', () => {
    expect(decideNavigation(to('/login', LOGIN), u)).toBe('/')
    expect(decideNavigation(to('/login', LOGIN, { redirect: '/units' }), u)).toBe('/units')
    expect(decideNavigation(to('/login', LOGIN, { redirect: '//evil.example' }), u)).toBe('/')
    expect(decideNavigation(to('/login', LOGIN, { redirect: 'https://evil.example' }), u)).toBe('/')
  })
})

describe('landingPath', () => {
  it('maps each stage to its first page', () => {
    expect(landingPath('must_change_password', '/units')).toBe('/account/password')
    expect(landingPath('must_enroll_totp')).toBe('/account/totp')
    expect(landingPath('full')).toBe('/')
    expect(landingPath('full', '/audit?page=2')).toBe('/audit?page=2')
  })
})
