// Visits on the phone: the outbox and its sync (offline save, visit → photos order, failures kept, conflicts
// with both versions, keep mine / take the server's), the form's validation and bodies, photo sizing, the
// 409 visit_conflict parsing, and the offline snapshot of the signed-in user.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeResponse, makeMe } from './helpers'

vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: Object.assign(vi.fn(), { success: vi.fn(), warning: vi.fn(), info: vi.fn(), error: vi.fn() }), ElMessageBox: {} }))

import { ApiError, errorFromText } from '@/api/request'
import { conflictOf, createVisit, uploadVisitPhoto, type Visit, type VisitEditInput, type VisitInput, type VisitSaved } from '@/api/visits'
import { memoryOutbox, type OutboxStorage } from '@/utils/outbox'
import { isTransient, VisitOutbox, type VisitApi } from '@/views/visits/sync'
import {
  changedFields,
  differs,
  emptyVisitForm,
  formFromVisit,
  fromBeijingInput,
  myVersion,
  toBeijingInput,
  toVisitInput,
  validateVisitForm,
  VISIT_TEXT_MAX,
} from '@/views/visits/data'
import { fitWithin, jpegName, PhotoUnusableError, preparePhoto } from '@/utils/photos'
import { useAuthStore } from '@/stores/auth'
import { useOutboxStore } from '@/stores/outbox'
import { i18n } from '@/locales'

const t = i18n.global.t as (k: string, n?: Record<string, unknown>) => string

function visit(over: Partial<Visit> = {}): Visit {
  return {
    id: 11,
    child_id: 5,
    visited_at: Date.UTC(2026, 10, 20, 2, 0),
    visitor_person_id: null,
    visitor_user_id: 3,
    method: 'home',
    findings: '孩子状态良好',
    risks: null,
    follow_up: null,
    urgent: false,
    suspected_harm: false,
    version: 1,
    created_at: 1,
    updated_at: 1,
    created_by: 3,
    updated_by: 3,
    urgent_acknowledged_at: null,
    urgent_acknowledged_by: null,
    urgent_ack_note: null,
    photos: [],
    ...over,
  }
}
function saved(v: Visit, over: Partial<VisitSaved> = {}): VisitSaved {
  return { ...v, notify_office: false, offer_mandatory_report: false, ...over }
}
const netErr = () => new ApiError(0, 'network_error', '无法连接服务器，请检查网络')

/** A fake API recording every call in order; each method's behaviour can be replaced. */
function fakeApi() {
  const calls: string[] = []
  let nextId = 100
  let photoId = 500
  const api = {
    calls,
    create: vi.fn(async (childId: number, input: VisitInput, _clientId?: string) => {
      calls.push(`create:${childId}`)
      return saved(visit({ id: nextId++, child_id: childId, ...(input as Partial<Visit>) }))
    }),
    update: vi.fn(async (visitId: number, input: VisitEditInput) => {
      calls.push(`update:${visitId}@${input.version}`)
      return saved(visit({ id: visitId, ...(input as Partial<Visit>), version: input.version + 1 }))
    }),
    uploadPhoto: vi.fn(async (visitId: number, _photo: Blob, filename: string, _clientId?: string) => {
      calls.push(`photo:${visitId}:${filename}`)
      return { id: photoId++, filename, content_type: 'image/jpeg', size: 3, created_at: 1 }
    }),
  }
  return api satisfies VisitApi & { calls: string[] }
}

function setup(opts: { online?: boolean; user?: number | null; storage?: OutboxStorage } = {}) {
  const storage = opts.storage ?? memoryOutbox()
  const api = fakeApi()
  const state = { online: opts.online ?? true, user: opts.user === undefined ? 7 : opts.user }
  const box = new VisitOutbox(storage, api, { userId: () => state.user, online: () => state.online, now: () => 1000 })
  return { storage, api, state, box }
}

const blob = (s = 'jpg') => new Blob([s], { type: 'image/jpeg' })
const newVisit = (photos = 0) => ({
  kind: 'create' as const,
  child_id: 5,
  child_name: '安小明',
  input: { visited_at: 1, method: 'home', findings: '良好' },
  photos: Array.from({ length: photos }, (_, i) => ({ filename: `p${i + 1}.jpg`, blob: blob() })),
})

describe('the visit outbox', () => {
  it('keeps a visit and its photos on the device when offline, sending nothing', async () => {
    const { box, api, storage } = setup({ online: false })
    const out = await box.save(newVisit(2))
    expect(out.kind).toBe('queued')
    expect(api.calls).toEqual([])
    const [item] = await storage.all()
    expect(item).toMatchObject({ kind: 'create', child_id: 5, child_name: '安小明', status: 'pending', saved: false, user_id: 7 })
    expect(item.photos.map((p) => p.filename)).toEqual(['p1.jpg', 'p2.jpg'])
    expect(item.photos[0].blob).toBeInstanceOf(Blob)
  })

  it('keeps the visit when the request fails with a network error (online but unreachable)', async () => {
    const { box, api, storage } = setup()
    api.create.mockRejectedValueOnce(netErr())
    const out = await box.save(newVisit(1))
    expect(out.kind).toBe('queued')
    const [item] = await storage.all()
    expect(item.status).toBe('pending')
    expect(item.error?.code).toBe('network_error')
    expect(api.uploadPhoto).not.toHaveBeenCalled()
  })

  it('syncs the visit first, then each photo, then removes the item', async () => {
    const { box, api, storage, state } = setup({ online: false })
    await box.save(newVisit(2))
    state.online = true
    const outcomes = await box.syncAll()
    expect(outcomes.map((o) => o.kind)).toEqual(['saved'])
    expect(api.calls).toEqual(['create:5', 'photo:100:p1.jpg', 'photo:100:p2.jpg'])
    expect(await storage.all()).toEqual([])
  })

  it('does not try while the browser says it is offline', async () => {
    const { box, api, state } = setup({ online: false })
    await box.save(newVisit())
    expect(await box.syncAll()).toEqual([])
    expect(api.calls).toEqual([])
    state.online = true
    await box.syncAll()
    expect(api.calls).toEqual(['create:5'])
  })

  it('keeps a refused item with the server’s message and tries it again later', async () => {
    const { box, api, storage, state } = setup({ online: false })
    await box.save(newVisit())
    state.online = true
    api.create.mockRejectedValueOnce(new ApiError(400, 'invalid_date', '走访时间不能晚于当前时间', 'visited_at'))
    const [out] = await box.syncAll()
    expect(out.kind).toBe('failed')
    const [item] = await storage.all()
    expect(item).toMatchObject({ status: 'failed', error: { code: 'invalid_date', message: '走访时间不能晚于当前时间' }, attempts: 1 })
    await box.syncAll()
    expect(await storage.all()).toEqual([])
  })

  it('after a failed photo keeps only the photos not uploaded and never posts the visit twice', async () => {
    const { box, api, storage } = setup()
    api.uploadPhoto.mockImplementationOnce(async (id: number, _b: Blob, name: string) => {
      api.calls.push(`photo:${id}:${name}`)
      return { id: 1, filename: name, content_type: 'image/jpeg', size: 1, created_at: 1 }
    })
    api.uploadPhoto.mockRejectedValueOnce(new ApiError(413, 'too_large', '照片不能超过 5 MB'))
    const out = await box.save(newVisit(3))
    expect(out.kind).toBe('photos_failed')
    let [item] = await storage.all()
    expect(item).toMatchObject({ saved: true, visit_id: 100, status: 'failed' })
    expect(item.error?.message).toBe('照片不能超过 5 MB')
    expect(item.photos.map((p) => p.filename)).toEqual(['p2.jpg', 'p3.jpg'])
    await box.syncAll()
    expect(api.create).toHaveBeenCalledTimes(1)
    expect(api.calls).toEqual(['create:5', 'photo:100:p1.jpg', 'photo:100:p2.jpg', 'photo:100:p3.jpg'])
    ;[item] = await storage.all()
    expect(item).toBeUndefined()
  })

  it('keeps a visit the server refuses on a direct save until the corrected form replaces it', async () => {
    const { box, api, storage } = setup()
    api.create.mockRejectedValueOnce(new ApiError(400, 'required', '请填写走访情况', 'findings'))
    const out = await box.save(newVisit())
    expect(out).toMatchObject({ kind: 'invalid', error: { field: 'findings' } })
    // Never deleted unless the server has it or the user gives it up: it waits, marked failed.
    const [kept] = await storage.all()
    expect(kept).toMatchObject({ status: 'failed', saved: false, error: { code: 'required' } })
    if (out.kind !== 'invalid') throw new Error(out.kind)
    expect(out.item.id).toBe(kept.id)
    // The corrected form takes its place: one visit on the server, nothing left over.
    const again = await box.save(newVisit(), out.item.id)
    expect(again.kind).toBe('saved')
    expect(api.create).toHaveBeenCalledTimes(2)
    expect(await storage.all()).toEqual([])
  })

  it('a replaced item that was sent meanwhile is not deleted', async () => {
    const { box, storage } = setup({ online: false })
    const first = await box.save(newVisit())
    if (first.kind !== 'queued') throw new Error(first.kind)
    // Not refused (still pending): a stray `replaces` must not drop it.
    await box.save(newVisit(), first.item.id)
    expect(await storage.all()).toHaveLength(2)
  })

  it('shows and syncs only the signed-in account’s items', async () => {
    const { box, api, state } = setup({ online: false })
    await box.save(newVisit())
    state.user = 8
    expect(await box.list()).toEqual([])
    state.online = true
    await box.syncAll()
    expect(api.calls).toEqual([])
    state.user = 7
    expect(await box.list()).toHaveLength(1)
  })

  describe('an edit made offline', () => {
    const base = visit({ id: 11, version: 2, findings: '原来的情况', risks: '无' })
    const current = visit({ id: 11, version: 3, findings: '他人修改后的情况', urgent: true })
    const edit = (photos = 0) => ({
      kind: 'update' as const,
      child_id: 5,
      child_name: '安小明',
      visit_id: 11,
      base_version: 2,
      base,
      input: { findings: '我修改的情况' },
      photos: Array.from({ length: photos }, (_, i) => ({ filename: `e${i + 1}.jpg`, blob: blob() })),
    })
    function conflictOnce(api: ReturnType<typeof fakeApi>) {
      api.update.mockImplementationOnce(async (id: number, input: VisitEditInput) => {
        api.calls.push(`update:${id}@${input.version}`)
        throw new ApiError(409, 'visit_conflict', '该走访记录已被他人修改', 'version', {
          error: { code: 'visit_conflict' },
          current,
        })
      })
    }

    it('carries its base version', async () => {
      const { box, api, state } = setup({ online: false })
      await box.save(edit())
      state.online = true
      await box.syncAll()
      expect(api.update).toHaveBeenCalledWith(11, { findings: '我修改的情况', version: 2 })
    })

    it('on 409 visit_conflict keeps both versions and waits for the user (never overwrites)', async () => {
      const { box, api, storage, state } = setup({ online: false })
      await box.save(edit())
      state.online = true
      conflictOnce(api)
      const [out] = await box.syncAll()
      expect(out.kind).toBe('conflict')
      const [item] = await storage.all()
      expect(item.status).toBe('conflict')
      expect(item.current).toEqual(current)
      expect(item.base?.version).toBe(2)
      // Mine as keeping it would save it: my changed field over the server's current visit.
      const mine = myVersion(item.current, item.input, item.base)
      expect(mine.findings).toBe('我修改的情况')
      expect(mine.version).toBe(3)
      expect(differs(mine, current, 'findings')).toBe(true)
      // Fields I did not touch keep what the other edit saved (urgent turned on there).
      expect(mine.urgent).toBe(true)
      expect(differs(mine, current, 'urgent')).toBe(false)
      expect(differs(mine, current, 'method')).toBe(false)
      // A later sync leaves the conflict alone: only the user decides.
      await box.syncAll()
      expect(api.update).toHaveBeenCalledTimes(1)
    })

    it('保留我的修改 re-saves mine on the current version', async () => {
      const { box, api, storage } = setup()
      conflictOnce(api)
      const out = await box.save(edit(1))
      expect(out.kind).toBe('conflict')
      const [item] = await storage.all()
      const res = await box.keepMine(item.id)
      expect(res?.kind).toBe('saved')
      expect(api.update).toHaveBeenLastCalledWith(11, { findings: '我修改的情况', version: 3 })
      expect(api.calls).toEqual(['update:11@2', 'update:11@3', 'photo:11:e1.jpg'])
      expect(await storage.all()).toEqual([])
    })

    it('采用服务器版本 drops my fields but still uploads the added photos', async () => {
      const { box, api, storage } = setup()
      conflictOnce(api)
      await box.save(edit(1))
      const [item] = await storage.all()
      const res = await box.takeServer(item.id)
      expect(res?.kind).toBe('saved')
      expect(api.calls).toEqual(['update:11@2', 'photo:11:e1.jpg'])
      expect(await storage.all()).toEqual([])
    })

    it('a conflict met again after keeping mine is shown again', async () => {
      const { box, api, storage } = setup()
      conflictOnce(api)
      await box.save(edit())
      conflictOnce(api)
      const [item] = await storage.all()
      const res = await box.keepMine(item.id)
      expect(res?.kind).toBe('conflict')
      expect((await storage.all())[0].status).toBe('conflict')
    })
  })
})

/** A fake server that records each create and photo once per client_id, and can lose its answers. */
function fakeServer() {
  const visits: VisitSaved[] = []
  const photos: { visit_id: number; client_id?: string; filename: string }[] = []
  const byClient = new Map<string, VisitSaved>()
  const lose = { create: 0, photo: 0 }
  const api = {
    visits,
    photos,
    lose,
    create: vi.fn(async (childId: number, input: VisitInput, clientId?: string) => {
      let v = clientId ? byClient.get(clientId) : undefined
      if (v) v = { ...v, replayed: true }
      else {
        v = saved(visit({ id: 100 + visits.length, child_id: childId, ...(input as Partial<Visit>) }))
        visits.push(v)
        if (clientId) byClient.set(clientId, v)
      }
      if (lose.create > 0) {
        lose.create -= 1
        throw netErr() // committed, but the answer never reached the phone
      }
      return v
    }),
    update: vi.fn(async (visitId: number, input: VisitEditInput) => saved(visit({ id: visitId, version: input.version + 1 }))),
    uploadPhoto: vi.fn(async (visitId: number, _b: Blob, filename: string, clientId?: string) => {
      let p = clientId ? photos.find((x) => x.visit_id === visitId && x.client_id === clientId) : undefined
      if (!p) {
        p = { visit_id: visitId, client_id: clientId, filename }
        photos.push(p)
      }
      if (lose.photo > 0) {
        lose.photo -= 1
        throw netErr()
      }
      return { id: 500 + photos.indexOf(p), filename, content_type: 'image/jpeg', size: 3, created_at: 1 }
    }),
  }
  return api
}

describe('retries after a lost answer (client_id)', () => {
  it('records the visit and each photo once when their answers are lost', async () => {
    const storage = memoryOutbox()
    const server = fakeServer()
    const box = new VisitOutbox(storage, server, { userId: () => 7, online: () => true, now: () => 1000 })
    server.lose.create = 1
    const out = await box.save(newVisit(2))
    expect(out.kind).toBe('queued')
    await box.syncAll()
    expect(server.visits).toHaveLength(1)
    expect(server.photos).toHaveLength(2)
    expect(await storage.all()).toEqual([])

    server.lose.photo = 1
    await box.save(newVisit(1))
    expect(server.photos).toHaveLength(3)
    await box.syncAll()
    expect(server.visits).toHaveLength(2)
    expect(server.photos).toHaveLength(3)
    expect(await storage.all()).toEqual([])
  })

  it('sends the item’s id as the visit’s client_id and each photo’s own id, the same on every try', async () => {
    const { box, api, storage, state } = setup({ online: false })
    await box.save(newVisit(2))
    const [item] = await storage.all()
    state.online = true
    api.create.mockRejectedValueOnce(netErr())
    await box.syncAll()
    await box.syncAll()
    expect(api.create.mock.calls.map((c) => c[2])).toEqual([item.id, item.id])
    expect(item.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    const sent = api.uploadPhoto.mock.calls.map((c) => c[3])
    expect(sent).toEqual(item.photos.map((p) => p.id))
    expect(new Set(sent).size).toBe(2)
  })

  it('createVisit posts client_id in the body and takes a 200 replay as success', async () => {
    setActivePinia(createPinia())
    useAuthStore().setMe(makeMe({ id: 7 }))
    const body = { ...visit({ id: 42 }), notify_office: false, offer_mandatory_report: false, replayed: true }
    const fetchMock = vi.fn(async () => fakeResponse(200, body))
    vi.stubGlobal('fetch', fetchMock)
    try {
      const v = await createVisit(5, { visited_at: 1, method: 'home', findings: '良好' }, 'item-1')
      expect(v.id).toBe(42)
      expect(v.replayed).toBe(true)
      const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
      expect(url).toBe('/api/v1/children/5/visits')
      expect(JSON.parse(init.body as string)).toEqual({ visited_at: 1, method: 'home', findings: '良好', client_id: 'item-1' })
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('uploadVisitPhoto sends &client_id= and takes a 200 replay as success', async () => {
    setActivePinia(createPinia())
    useAuthStore().setMe(makeMe({ id: 7 }))
    const sent: string[] = []
    class Xhr {
      status = 0
      responseText = ''
      upload = {}
      onload: (() => void) | null = null
      open(_m: string, url: string) {
        sent.push(url)
      }
      setRequestHeader() {}
      send() {
        queueMicrotask(() => {
          this.status = 200
          this.responseText = JSON.stringify({ id: 9, filename: 'p.jpg', content_type: 'image/jpeg', size: 3, created_at: 1, replayed: true })
          this.onload?.()
        })
      }
    }
    vi.stubGlobal('XMLHttpRequest', Xhr)
    try {
      const p = await uploadVisitPhoto(11, blob(), 'p.jpg', 'photo-1')
      expect(p).toMatchObject({ id: 9, replayed: true })
      expect(sent).toEqual(['/api/v1/visits/11/photos?filename=p.jpg&client_id=photo-1'])
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

/** navigator.locks as a browser provides it to every tab of the origin: one holder at a time per name. */
function fakeLocks() {
  const chains = new Map<string, Promise<unknown>>()
  const names: string[] = []
  return {
    names,
    request(name: string, cb: (lock: unknown) => Promise<unknown>) {
      names.push(name)
      const prev = chains.get(name) ?? Promise.resolve()
      const run = prev.then(() => cb({ name, mode: 'exclusive' }))
      chains.set(name, run.catch(() => undefined))
      return run
    },
  }
}

/** A promise resolved from outside. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('two tabs on one outbox', () => {
  let locks: ReturnType<typeof fakeLocks>
  beforeEach(() => {
    locks = fakeLocks()
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  })
  afterEach(() => {
    delete (navigator as unknown as { locks?: unknown }).locks
  })

  function twoTabs() {
    const storage = memoryOutbox()
    const server = fakeServer()
    const gate = deferred()
    const slow = server.create.getMockImplementation()!
    server.create.mockImplementation(async (...args: Parameters<typeof slow>) => {
      await gate.promise
      return slow(...args)
    })
    const opts = { userId: () => 7, online: () => true, now: () => 1000 }
    return { storage, server, gate, a: new VisitOutbox(storage, server, opts), b: new VisitOutbox(storage, server, opts) }
  }

  it('never send the same item twice (navigator.locks "hulei-visit-outbox")', async () => {
    const { storage, server, gate, a, b } = twoTabs()
    const offline = new VisitOutbox(storage, server, { userId: () => 7, online: () => false, now: () => 1000 })
    await offline.save(newVisit(1))
    const [item] = await storage.all()
    const runs = Promise.all([a.syncAll(), b.syncAll(), b.syncItem(item.id)])
    await Promise.resolve()
    gate.resolve()
    const [ra, rb, rc] = await runs
    expect(server.create).toHaveBeenCalledTimes(1)
    expect(server.uploadPhoto).toHaveBeenCalledTimes(1)
    expect(ra.map((o) => o.kind)).toEqual(['saved'])
    expect(rb).toEqual([])
    expect(rc).toBeNull()
    expect(locks.names.every((n) => n === 'hulei-visit-outbox')).toBe(true)
    expect(locks.names.length).toBeGreaterThanOrEqual(3)
  })

  it('a save sent by another tab while it waited is not sent again', async () => {
    const { storage, server, gate, a, b } = twoTabs()
    // Tab A saves (held at the server); tab B's sync runs meanwhile and must wait, then find it done.
    const saving = a.save(newVisit())
    await new Promise((r) => setTimeout(r, 0))
    const syncing = b.syncAll()
    gate.resolve()
    expect((await saving).kind).toBe('saved')
    expect(await syncing).toEqual([])
    expect(server.create).toHaveBeenCalledTimes(1)
    expect(await storage.all()).toEqual([])
  })

  it('keeping mine in two tabs re-saves it once', async () => {
    const storage = memoryOutbox()
    const api = fakeApi()
    const opts = { userId: () => 7, online: () => true, now: () => 1000 }
    const a = new VisitOutbox(storage, api, opts)
    const b = new VisitOutbox(storage, api, opts)
    api.update.mockRejectedValueOnce(new ApiError(409, 'visit_conflict', 'x', 'version', { current: visit({ version: 4 }) }))
    await a.save({ kind: 'update', child_id: 5, child_name: 'c', visit_id: 11, base_version: 3, base: visit({ version: 3 }), input: { findings: 'y' }, photos: [] })
    const [item] = await storage.all()
    const [ra, rb] = await Promise.all([a.keepMine(item.id), b.keepMine(item.id)])
    expect(api.update).toHaveBeenCalledTimes(2) // the conflicting try, then one re-save
    expect([ra?.kind, rb?.kind].sort()).toEqual(['saved', undefined].sort())
  })
})

describe('an item given up during a sync', () => {
  it('is never written back and its other photos are not sent', async () => {
    const { box, api, storage, state } = setup({ online: false })
    await box.save(newVisit(3))
    const [item] = await storage.all()
    state.online = true
    api.uploadPhoto.mockImplementationOnce(async (id: number, _b: Blob, name: string) => {
      await box.discard(item.id) // the user gives it up (here or in another tab) while photo 1 uploads
      return { id, filename: name, content_type: 'image/jpeg', size: 1, created_at: 1 }
    })
    await box.syncAll()
    expect(api.uploadPhoto).toHaveBeenCalledTimes(1)
    expect(await storage.all()).toEqual([])
  })

  it('is not brought back by a failing send', async () => {
    const { box, api, storage, state } = setup({ online: false })
    await box.save(newVisit())
    const [item] = await storage.all()
    state.online = true
    api.create.mockImplementationOnce(async () => {
      await storage.delete(item.id)
      throw netErr()
    })
    expect(await box.syncAll()).toEqual([])
    expect(await storage.all()).toEqual([])
  })
})

describe('a missing CSRF token (reopened offline)', () => {
  const csrfErr = () => new ApiError(403, 'csrf', '请求缺少有效的 CSRF 令牌，请刷新页面后重试')

  it('is transient: the item waits, it is neither refused nor deleted', async () => {
    expect(isTransient(csrfErr())).toBe(true)
    expect(isTransient(new ApiError(403, 'forbidden', '无权限'))).toBe(false)
    const { box, api, storage } = setup()
    api.create.mockRejectedValueOnce(csrfErr())
    const out = await box.save(newVisit())
    expect(out.kind).toBe('queued')
    const [item] = await storage.all()
    expect(item).toMatchObject({ status: 'pending', saved: false, error: { code: 'csrf' } })
  })

  describe('the store’s save', () => {
    beforeEach(() => {
      setActivePinia(createPinia())
      localStorage.clear()
    })
    afterEach(() => vi.unstubAllGlobals())

    /** The console reopened offline as user 7: the snapshot, no CSRF token. */
    async function reopenedOffline() {
      useAuthStore().setMe(makeMe({ id: 7 }))
      setActivePinia(createPinia())
      vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
      const auth = useAuthStore()
      await auth.ensureMe()
      expect(auth.offline).toBe(true)
      expect(auth.csrf).toBe('')
      // The fake server refuses a state-changing call without the token, as the real one does.
      const api = fakeApi()
      const create = api.create.getMockImplementation()!
      api.create.mockImplementation(async (...args: Parameters<typeof create>) => {
        if (!useAuthStore().csrf) throw csrfErr()
        return create(...args)
      })
      const store = useOutboxStore()
      await store.start(memoryOutbox(), api)
      return { auth, api, store }
    }

    it('asks /auth/me first, then sends with the fresh token', async () => {
      const { auth, api, store } = await reopenedOffline()
      vi.stubGlobal('fetch', vi.fn(async () => fakeResponse(200, makeMe({ id: 7, csrf_token: 'fresh' }))))
      const out = await store.save(newVisit())
      expect(out.kind).toBe('saved')
      expect(auth.offline).toBe(false)
      expect(api.create).toHaveBeenCalledTimes(1)
      expect(store.count).toBe(0)
    })

    it('keeps the visit when the server is still unreachable', async () => {
      const { api, store } = await reopenedOffline()
      const out = await store.save(newVisit())
      expect(out.kind).toBe('queued')
      expect(api.create).not.toHaveBeenCalled()
      expect(store.count).toBe(1)
    })
  })
})

describe('the outbox store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useAuthStore().setMe(makeMe({ id: 7 }))
  })

  it('counts waiting items and offers the mandatory report after a save with suspected harm', async () => {
    const store = useOutboxStore()
    const api = fakeApi()
    api.create.mockImplementationOnce(async (childId: number) => saved(visit({ id: 1, child_id: childId }), { notify_office: true, offer_mandatory_report: true }))
    await store.start(memoryOutbox(), api)
    store.online = false
    await store.save(newVisit(1))
    expect(store.count).toBe(1)
    store.online = true
    await store.syncNow()
    expect(store.count).toBe(0)
    expect(store.reportOffer?.id).toBe(1)
  })

  it('opens the conflict dialog when a direct save meets a newer version', async () => {
    const store = useOutboxStore()
    const api = fakeApi()
    api.update.mockRejectedValueOnce(new ApiError(409, 'visit_conflict', 'x', 'version', { current: visit({ version: 4 }) }))
    await store.start(memoryOutbox(), api)
    const out = await store.save({ kind: 'update', child_id: 5, child_name: 'c', visit_id: 11, base_version: 3, base: visit({ version: 3 }), input: { findings: 'y' }, photos: [] })
    expect(out.kind).toBe('conflict')
    expect(store.conflictItem?.current?.version).toBe(4)
    expect(store.conflicts).toBe(1)
  })
})

describe('conflictOf', () => {
  it('reads the current visit of a 409 visit_conflict only', () => {
    const current = visit({ version: 9 })
    expect(conflictOf(new ApiError(409, 'visit_conflict', 'm', 'version', { current }))).toEqual(current)
    expect(conflictOf(new ApiError(409, 'too_many_photos', 'm'))).toBeNull()
    expect(conflictOf(new Error('x'))).toBeNull()
  })

  it('finds it in the server’s answer as the request client parses it', () => {
    const current = visit({ version: 4 })
    const err = errorFromText(409, JSON.stringify({ error: { code: 'visit_conflict', message: '该走访记录已被他人修改', field: 'version' }, current }))
    expect(err.message).toBe('该走访记录已被他人修改')
    expect(conflictOf(err)).toEqual(current)
  })
})

describe('the visit form', () => {
  const now = Date.UTC(2026, 10, 29, 8, 0) // 16:00 in Beijing

  it('defaults to now (Beijing time) and nothing chosen', () => {
    const f = emptyVisitForm(now)
    expect(f.visited_at).toBe('2026-11-29T16:00')
    expect(f.method).toBe('')
    expect(fromBeijingInput(f.visited_at)).toBe(now)
  })

  it('reads and writes datetime-local values as Beijing wall time', () => {
    expect(toBeijingInput(Date.UTC(2026, 0, 31, 16, 30))).toBe('2026-02-01T00:30')
    expect(fromBeijingInput('2026-02-01T00:30')).toBe(Date.UTC(2026, 0, 31, 16, 30))
    expect(fromBeijingInput('2026-02-30T10:00')).toBeUndefined()
    expect(fromBeijingInput('soon')).toBeUndefined()
  })

  it('requires when, method and findings', () => {
    const f = { ...emptyVisitForm(now), visited_at: '' }
    const e = validateVisitForm(f, t, now)
    expect(e).toEqual({ visited_at: '请填写走访时间', method: '请选择走访方式', findings: '请填写走访情况' })
    expect(validateVisitForm({ ...emptyVisitForm(now), method: 'phone', findings: '  ' }, t, now).findings).toBe('请填写走访情况')
  })

  it('refuses a time more than 10 minutes ahead and texts over the limit', () => {
    const ok = { ...emptyVisitForm(now), method: 'home' as const, findings: '良好' }
    expect(validateVisitForm(ok, t, now)).toEqual({})
    expect(validateVisitForm({ ...ok, visited_at: toBeijingInput(now + 9 * 60_000) }, t, now)).toEqual({})
    expect(validateVisitForm({ ...ok, visited_at: toBeijingInput(now + 11 * 60_000) }, t, now).visited_at).toBe('走访时间不能晚于当前时间')
    expect(validateVisitForm({ ...ok, risks: 'x'.repeat(VISIT_TEXT_MAX + 1) }, t, now).risks).toBe(`不超过 ${VISIT_TEXT_MAX} 字`)
  })

  it('sends a new visit trimmed, blank optional texts as null', () => {
    const f = { ...emptyVisitForm(now), method: 'school' as const, findings: ' 良好 ', risks: '  ', follow_up: ' 下周回访 ', urgent: true, suspected_harm: true }
    expect(toVisitInput(f)).toEqual({ visited_at: now, method: 'school', findings: '良好', risks: null, follow_up: '下周回访', urgent: true, suspected_harm: true })
  })

  it('sends only the changed fields of an edit', () => {
    const v = visit({ findings: '原情况', risks: '有', visited_at: Date.UTC(2026, 10, 20, 2, 0, 30) })
    const f = formFromVisit(v)
    expect(changedFields(f, v)).toEqual({})
    f.findings = '新情况'
    f.risks = ''
    f.suspected_harm = true
    expect(changedFields(f, v)).toEqual({ findings: '新情况', risks: null, suspected_harm: true })
  })
})

describe('photo sizing', () => {
  it('fits the long side within 1600 px and never enlarges', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
    expect(fitWithin(0, 10)).toEqual({ width: 0, height: 0 })
  })
  it('names the re-encoded photo .jpg', () => {
    expect(jpegName('IMG_0001.HEIC')).toBe('IMG_0001.jpg')
    expect(jpegName('')).toBe('photo.jpg')
    expect(jpegName('a/b.png')).toBe('a_b.jpg')
  })
})

describe('preparing a photo', () => {
  const file = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe1])], 'IMG_0001.HEIC', { type: 'image/heic' })
  /** An <img> that decodes (or not) as the browser would. */
  function fakeImage(decodes: boolean) {
    return class {
      naturalWidth = 4032
      naturalHeight = 3024
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      set src(_v: string) {
        queueMicrotask(() => (decodes ? this.onload?.() : this.onerror?.()))
      }
    }
  }
  const urls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL }
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:x')
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({ fillRect: vi.fn(), drawImage: vi.fn(), fillStyle: '' } as never)
  })
  afterEach(() => {
    URL.createObjectURL = urls.create
    URL.revokeObjectURL = urls.revoke
    vi.unstubAllGlobals()
  })

  it('refuses a photo the browser cannot decode (HEIC…) instead of sending the original with its GPS', async () => {
    vi.stubGlobal('Image', fakeImage(false))
    await expect(preparePhoto(file())).rejects.toBeInstanceOf(PhotoUnusableError)
    await expect(preparePhoto(file())).rejects.toThrow('无法处理该照片，请改用相机拍摄的 JPG/PNG 照片')
    expect(t('visits.photoUnusable')).toBe('无法处理该照片，请改用相机拍摄的 JPG/PNG 照片')
  })

  it('refuses a photo it cannot re-encode (toBlob gives nothing)', async () => {
    vi.stubGlobal('Image', fakeImage(true))
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback) => cb(null))
    await expect(preparePhoto(file())).rejects.toBeInstanceOf(PhotoUnusableError)
  })

  it('sends the re-encoded JPEG, scaled, under a .jpg name', async () => {
    vi.stubGlobal('Image', fakeImage(true))
    const jpeg = new Blob(['x'], { type: 'image/jpeg' })
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback) => cb(jpeg))
    const p = await preparePhoto(file())
    expect(p).toEqual({ blob: jpeg, filename: 'IMG_0001.jpg' })
  })
})

describe('the signed-in user offline', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
  })

  it('reopens as the last user when the server cannot be reached, and forgets him on sign-out', async () => {
    const auth = useAuthStore()
    auth.setMe(makeMe({ id: 7, username: 'village' }))
    setActivePinia(createPinia())
    const fresh = useAuthStore()
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    await fresh.ensureMe()
    expect(fresh.me?.username).toBe('village')
    expect(fresh.offline).toBe(true)
    // The CSRF token is never kept on the device: it is asked anew once the server answers.
    expect(fresh.csrf).toBe('')
    expect(localStorage.getItem('hulei.me')).not.toContain('csrf-123')
    fresh.clear()
    setActivePinia(createPinia())
    await useAuthStore().ensureMe()
    expect(useAuthStore().me).toBeNull()
    vi.unstubAllGlobals()
  })

  it('treats a proxy’s 502/503/504 (server down behind nginx) like no network', async () => {
    for (const status of [502, 503, 504]) {
      setActivePinia(createPinia())
      useAuthStore().setMe(makeMe({ id: 7, username: 'village' }))
      setActivePinia(createPinia())
      vi.stubGlobal('fetch', vi.fn(async () => fakeResponse(status, '<html>Bad Gateway</html>')))
      const auth = useAuthStore()
      await auth.ensureMe()
      expect(auth.me?.username).toBe('village')
      expect(auth.offline).toBe(true)
      expect(localStorage.getItem('hulei.me')).toContain('village')
      vi.unstubAllGlobals()
    }
  })

  it('does not use the snapshot when the server says the session is over', async () => {
    useAuthStore().setMe(makeMe({ id: 7 }))
    setActivePinia(createPinia())
    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: false, status: 401, text: async () => '{"error":{"code":"unauthenticated","message":"x"}}' })))
    const auth = useAuthStore()
    await auth.ensureMe()
    expect(auth.me).toBeNull()
    expect(localStorage.getItem('hulei.me')).toBeNull()
    vi.unstubAllGlobals()
  })
})
