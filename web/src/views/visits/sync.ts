// Saving visits through the outbox, as plain logic over an injected storage and API (unit-tested with the
// in-memory outbox): every save is written to the outbox first, then sent — the visit, then its photos one by
// one, then the item is removed. A network failure leaves the item waiting; a refusal keeps it with the
// server's message; an edit on a stale version keeps it as a conflict with the server's current visit until
// the user keeps his version (re-saved on the current one) or takes the server's. Nothing is overwritten silently.
import { ApiError } from '@/api/request'
import { conflictOf, type Visit, type VisitEditInput, type VisitInput, type VisitPhoto, type VisitSaved } from '@/api/visits'
import { outboxId, type OutboxItem, type OutboxStorage } from '@/utils/outbox'

/** The calls the sync makes (the real ones are in api/visits.ts). */
export interface VisitApi {
  create(childId: number, input: VisitInput): Promise<VisitSaved>
  update(visitId: number, input: VisitEditInput): Promise<VisitSaved>
  uploadPhoto(visitId: number, photo: Blob, filename: string): Promise<VisitPhoto>
}

/** A visit to save: a new one on a child, or an edit of a visit with the version it was based on. */
export interface VisitDraft {
  kind: 'create' | 'update'
  child_id: number
  child_name: string
  visit_id?: number | null
  base_version?: number | null
  /** The visit an edit is based on. */
  base?: Visit | null
  input: VisitInput
  photos: { filename: string; blob: Blob }[]
}

export type SyncOutcome =
  /** Everything is on the server; `visit` is the saved visit when its fields were sent in this run. */
  | { kind: 'saved'; item: OutboxItem; visit: VisitSaved | null }
  /** Not reachable (offline, server down, signed out): the item waits for the next sync. */
  | { kind: 'offline'; item: OutboxItem }
  /** Refused by the server: the item stays with the error (the visit may already be saved, photos pending). */
  | { kind: 'failed'; item: OutboxItem; error: ApiError; visit: VisitSaved | null }
  /** An edit on a stale version: the item stays until the user decides. */
  | { kind: 'conflict'; item: OutboxItem; current: Visit }

/** A direct save from the form: saved, kept in the outbox, refused (nothing kept), or a conflict. */
export type SaveOutcome =
  | { kind: 'saved'; visit: VisitSaved | null }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'invalid'; error: ApiError }
  | { kind: 'photos_failed'; item: OutboxItem; error: ApiError; visit: VisitSaved | null }
  | { kind: 'conflict'; item: OutboxItem; current: Visit }

export interface VisitOutboxOptions {
  /** The signed-in account (items are per account). */
  userId: () => number | null
  /** Whether the browser believes it is online (navigator.onLine). */
  online: () => boolean
  now?: () => number
}

/** A failure worth retrying later rather than showing as a refusal: no network, server trouble, signed out. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true
  return err.status === 0 || err.status === 401 || err.status === 408 || err.status === 429 || err.status >= 500
}

/** A plain copy (IndexedDB cannot store Vue's reactive proxies). */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  return new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err))
}

export class VisitOutbox {
  private chain: Promise<unknown> = Promise.resolve()
  private readonly now: () => number

  constructor(
    private readonly storage: OutboxStorage,
    private readonly api: VisitApi,
    private readonly opts: VisitOutboxOptions,
  ) {
    this.now = opts.now ?? Date.now
  }

  /** Runs `fn` after every earlier operation: one sync at a time, so an item is never sent twice. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn)
    this.chain = run.catch(() => undefined)
    return run
  }

  /** The signed-in account's items, oldest first. */
  async list(): Promise<OutboxItem[]> {
    const uid = this.opts.userId()
    if (uid === null) return []
    return (await this.storage.all()).filter((i) => i.user_id === uid)
  }

  /** Writes a draft to the outbox (nothing is sent). */
  async enqueue(draft: VisitDraft): Promise<OutboxItem> {
    const uid = this.opts.userId()
    if (uid === null) throw new ApiError(401, 'unauthenticated', 'not signed in')
    const at = this.now()
    const item: OutboxItem = {
      id: outboxId(),
      user_id: uid,
      kind: draft.kind,
      child_id: draft.child_id,
      child_name: draft.child_name,
      visit_id: draft.kind === 'update' ? (draft.visit_id ?? null) : null,
      saved: false,
      base_version: draft.kind === 'update' ? (draft.base_version ?? null) : null,
      base: draft.kind === 'update' && draft.base ? plain(draft.base) : null,
      input: plain(draft.input),
      photos: draft.photos.map((p) => ({ id: outboxId(), filename: p.filename, blob: p.blob })),
      status: 'pending',
      error: null,
      current: null,
      attempts: 0,
      created_at: at,
      updated_at: at,
    }
    // An edit that changes no field and adds no photo has nothing to send.
    if (item.kind === 'update' && Object.keys(item.input).length === 0) item.saved = true
    await this.storage.put(item)
    return item
  }

  /** Saves from the form: into the outbox, then at once to the server when online. */
  save(draft: VisitDraft): Promise<SaveOutcome> {
    return this.exclusive(async () => {
      const item = await this.enqueue(draft)
      if (!this.opts.online()) return { kind: 'queued', item } as const
      const out = await this.send(item)
      switch (out.kind) {
        case 'saved':
          return { kind: 'saved', visit: out.visit } as const
        case 'offline':
          return { kind: 'queued', item: out.item } as const
        case 'conflict':
          return out
        case 'failed':
          if (!out.item.saved) {
            // Refused outright (e.g. a field the server rejects): the user corrects the form; keep nothing.
            await this.storage.delete(out.item.id)
            return { kind: 'invalid', error: out.error } as const
          }
          return { kind: 'photos_failed', item: out.item, error: out.error, visit: out.visit } as const
      }
    })
  }

  /** Sends one item (see SyncOutcome). */
  syncItem(id: string): Promise<SyncOutcome | null> {
    return this.exclusive(async () => {
      const item = (await this.list()).find((i) => i.id === id)
      return item ? this.send(item) : null
    })
  }

  /**
   * Sends the account's items in order, skipping conflicts (they wait for the user). Stops at the first
   * network failure: the rest would fail the same way.
   */
  syncAll(): Promise<SyncOutcome[]> {
    return this.exclusive(async () => {
      const outcomes: SyncOutcome[] = []
      if (!this.opts.online()) return outcomes
      for (const item of await this.list()) {
        if (item.status === 'conflict') continue
        const out = await this.send(item)
        outcomes.push(out)
        if (out.kind === 'offline') break
      }
      return outcomes
    })
  }

  /** 保留我的修改: the edit is re-based on the server's current version and sent again. */
  keepMine(id: string): Promise<SyncOutcome | null> {
    return this.exclusive(async () => {
      const item = (await this.list()).find((i) => i.id === id)
      if (!item || item.status !== 'conflict' || !item.current) return null
      item.base_version = item.current.version
      item.base = item.current
      item.status = 'pending'
      item.current = null
      item.error = null
      await this.touch(item)
      return this.send(item)
    })
  }

  /**
   * 采用服务器版本: the edit's fields are dropped. Photos added with it do not conflict (they are added, not
   * replaced), so they are still uploaded.
   */
  takeServer(id: string): Promise<SyncOutcome | null> {
    return this.exclusive(async () => {
      const item = (await this.list()).find((i) => i.id === id)
      if (!item || item.status !== 'conflict') return null
      item.input = {}
      item.saved = true
      item.status = 'pending'
      item.current = null
      item.error = null
      await this.touch(item)
      if (!this.opts.online()) return { kind: 'offline', item } as const
      return this.send(item)
    })
  }

  /** Drops an item (the user gives it up). */
  discard(id: string): Promise<void> {
    return this.exclusive(() => this.storage.delete(id))
  }

  private async touch(item: OutboxItem): Promise<void> {
    item.updated_at = this.now()
    await this.storage.put(item)
  }

  private async fail(item: OutboxItem, err: unknown, visit: VisitSaved | null): Promise<SyncOutcome> {
    const error = asApiError(err)
    item.attempts += 1
    item.error = { code: error.code, message: error.message }
    if (isTransient(error)) {
      item.status = 'pending'
      await this.touch(item)
      return { kind: 'offline', item }
    }
    item.status = 'failed'
    await this.touch(item)
    return { kind: 'failed', item, error, visit }
  }

  /** The visit, then each photo, then the item is removed. */
  private async send(item: OutboxItem): Promise<SyncOutcome> {
    let visit: VisitSaved | null = null
    if (!item.saved) {
      try {
        if (item.kind === 'create') {
          visit = await this.api.create(item.child_id, item.input)
          item.visit_id = visit.id
        } else {
          if (item.visit_id === null || item.base_version === null) throw new ApiError(400, 'invalid_item', 'edit without visit or version')
          visit = await this.api.update(item.visit_id, { ...item.input, version: item.base_version })
        }
      } catch (err) {
        const current = conflictOf(err)
        if (current) {
          item.attempts += 1
          item.status = 'conflict'
          item.current = current
          item.error = { code: 'visit_conflict', message: (err as ApiError).message }
          await this.touch(item)
          return { kind: 'conflict', item, current }
        }
        return this.fail(item, err, null)
      }
      item.saved = true
      item.status = 'pending'
      item.error = null
      await this.touch(item)
    }
    while (item.photos.length) {
      const photo = item.photos[0]
      try {
        await this.api.uploadPhoto(item.visit_id as number, photo.blob, photo.filename)
      } catch (err) {
        return this.fail(item, err, visit)
      }
      item.photos = item.photos.slice(1)
      await this.touch(item)
    }
    await this.storage.delete(item.id)
    return { kind: 'saved', item, visit }
  }
}
