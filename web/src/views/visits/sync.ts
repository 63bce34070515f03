// Saving visits through the outbox, as plain logic over an injected storage and API (unit-tested with the
// in-memory outbox): every save is written to the outbox first, then sent — the visit, then its photos one by
// one, then the item is removed. A network failure leaves the item waiting; a refusal keeps it with the
// server's message; an edit on a stale version keeps it as a conflict with the server's current visit until
// the user keeps his version (re-saved on the current one) or takes the server's. Nothing is overwritten silently.
// An item is deleted only once the server has it (or the user gives it up). Every send carries client ids (the
// item's for the visit, each photo's own), so a retry after a lost answer is not recorded twice; and every
// operation holds one lock shared by the tabs of the browser, so two tabs never send the same item.
import { ApiError } from '@/api/request'
import { conflictOf, type Visit, type VisitEditInput, type VisitInput, type VisitPhoto, type VisitSaved } from '@/api/visits'
import { clientIdOf, outboxId, type OutboxItem, type OutboxStorage } from '@/utils/outbox'

/** The calls the sync makes (the real ones are in api/visits.ts); `clientId` makes a retry safe. */
export interface VisitApi {
  create(childId: number, input: VisitInput, clientId?: string): Promise<VisitSaved>
  update(visitId: number, input: VisitEditInput): Promise<VisitSaved>
  uploadPhoto(visitId: number, photo: Blob, filename: string, clientId?: string): Promise<VisitPhoto>
}

/** Runs `fn` holding the outbox lock. */
export type OutboxLock = <T>(fn: () => Promise<T>) => Promise<T>

/** The Web Lock every tab of the console takes before touching the outbox. */
export const OUTBOX_LOCK = 'hulei-visit-outbox'

/** The outbox lock shared by the browser's tabs (navigator.locks); null where the browser has none (plain http). */
export function webLock(): OutboxLock | null {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  if (!locks || typeof locks.request !== 'function') return null
  return <T>(fn: () => Promise<T>) => locks.request(OUTBOX_LOCK, () => fn()) as Promise<T>
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

/**
 * A direct save from the form: saved, kept in the outbox to send later, refused (the item stays, marked
 * failed, until the corrected form replaces it or the user gives it up), or a conflict.
 */
export type SaveOutcome =
  | { kind: 'saved'; visit: VisitSaved | null }
  | { kind: 'queued'; item: OutboxItem }
  | { kind: 'invalid'; item: OutboxItem; error: ApiError }
  | { kind: 'photos_failed'; item: OutboxItem; error: ApiError; visit: VisitSaved | null }
  | { kind: 'conflict'; item: OutboxItem; current: Visit }

export interface VisitOutboxOptions {
  /** The signed-in account (items are per account). */
  userId: () => number | null
  /** Whether the browser believes it is online (navigator.onLine). */
  online: () => boolean
  now?: () => number
  /** Runs an operation holding the outbox lock; default: webLock(), else one operation at a time in this page. */
  lock?: OutboxLock
  /**
   * Asked after a save is written and before it is sent: false keeps it waiting (the console reopened
   * offline asks /auth/me again first, for the session and its CSRF token).
   */
  ready?: () => Promise<boolean>
}

/**
 * A failure worth retrying later rather than showing as a refusal: no network, server trouble, signed out,
 * or a missing CSRF token (403 csrf: the console reopened offline has none until /auth/me answers).
 */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true
  if (err.status === 403 && err.code === 'csrf') return true
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
  private readonly lock: OutboxLock

  constructor(
    private readonly storage: OutboxStorage,
    private readonly api: VisitApi,
    private readonly opts: VisitOutboxOptions,
  ) {
    this.now = opts.now ?? Date.now
    this.lock = opts.lock ?? webLock() ?? ((fn) => this.exclusive(fn))
  }

  /** Runs `fn` after every earlier operation of this page (the lock where the browser has no Web Locks). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn)
    this.chain = run.catch(() => undefined)
    return run
  }

  /** The account's item as it now stands in the store (another tab may have changed or removed it). */
  private async current(id: string): Promise<OutboxItem | null> {
    const uid = this.opts.userId()
    const item = await this.storage.get(id)
    return item && uid !== null && item.user_id === uid ? item : null
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

  /**
   * Saves from the form: into the outbox first (so it is never lost), then at once to the server when online.
   * `replaces` names the item of this form's earlier save that the server refused: the corrected draft takes
   * its place (the refused one is deleted once the new one is written, unless it has been sent meanwhile).
   */
  async save(draft: VisitDraft, replaces?: string | null): Promise<SaveOutcome> {
    const item = await this.enqueue(draft)
    if (replaces) await this.dropRefused(replaces)
    if (!this.opts.online()) return { kind: 'queued', item }
    if (this.opts.ready && !(await this.opts.ready())) return { kind: 'queued', item }
    return this.lock(async () => {
      // Another tab may have sent (or the user discarded) it while this one waited for the lock.
      const fresh = await this.storage.get(item.id)
      if (!fresh) return { kind: 'saved', visit: null } as const
      // Signed in again as someone else (asked /auth/me): the item waits for its own account.
      if (fresh.user_id !== this.opts.userId()) return { kind: 'queued', item: fresh } as const
      if (fresh.status === 'conflict' && fresh.current) return { kind: 'conflict', item: fresh, current: fresh.current } as const
      if (!this.opts.online()) return { kind: 'queued', item: fresh } as const
      const out = await this.send(fresh)
      if (!out) return { kind: 'saved', visit: null } as const
      switch (out.kind) {
        case 'saved':
          return { kind: 'saved', visit: out.visit } as const
        case 'offline':
          return { kind: 'queued', item: out.item } as const
        case 'conflict':
          return out
        case 'failed':
          // Refused outright (e.g. a field the server rejects): the form shows why; the item stays (failed)
          // until the corrected form replaces it or the user gives it up.
          if (!out.item.saved) return { kind: 'invalid', item: out.item, error: out.error } as const
          return { kind: 'photos_failed', item: out.item, error: out.error, visit: out.visit } as const
      }
    })
  }

  /** Deletes a refused, never-saved item that a corrected save replaces (left alone if it is anything else now). */
  private dropRefused(id: string): Promise<void> {
    return this.lock(async () => {
      const old = await this.current(id)
      if (old && old.status === 'failed' && !old.saved) await this.storage.delete(id)
    })
  }

  /** Sends one item (see SyncOutcome). */
  syncItem(id: string): Promise<SyncOutcome | null> {
    return this.lock(async () => {
      const item = await this.current(id)
      return item ? this.send(item) : null
    })
  }

  /**
   * Sends the account's items in order, skipping conflicts (they wait for the user). Stops at the first
   * network failure: the rest would fail the same way.
   */
  syncAll(): Promise<SyncOutcome[]> {
    return this.lock(async () => {
      const outcomes: SyncOutcome[] = []
      if (!this.opts.online()) return outcomes
      for (const listed of await this.list()) {
        const item = await this.current(listed.id)
        if (!item || item.status === 'conflict') continue
        const out = await this.send(item)
        if (!out) continue
        outcomes.push(out)
        if (out.kind === 'offline') break
      }
      return outcomes
    })
  }

  /** 保留我的修改: the edit is re-based on the server's current version and sent again. */
  keepMine(id: string): Promise<SyncOutcome | null> {
    return this.lock(async () => {
      const item = await this.current(id)
      if (!item || item.status !== 'conflict' || !item.current) return null
      item.base_version = item.current.version
      item.base = item.current
      item.status = 'pending'
      item.current = null
      item.error = null
      if (!(await this.touch(item))) return null
      return this.send(item)
    })
  }

  /**
   * 采用服务器版本: the edit's fields are dropped. Photos added with it do not conflict (they are added, not
   * replaced), so they are still uploaded.
   */
  takeServer(id: string): Promise<SyncOutcome | null> {
    return this.lock(async () => {
      const item = await this.current(id)
      if (!item || item.status !== 'conflict') return null
      item.input = {}
      item.saved = true
      item.status = 'pending'
      item.current = null
      item.error = null
      if (!(await this.touch(item))) return null
      if (!this.opts.online()) return { kind: 'offline', item } as const
      return this.send(item)
    })
  }

  /**
   * Drops an item (the user gives it up), at once: it does not wait for a sync in progress, which then finds
   * the item gone and neither writes it back nor sends its remaining photos.
   */
  discard(id: string): Promise<void> {
    return this.storage.delete(id)
  }

  /** Writes the item back if it is still in the store; false when it has gone (discarded meanwhile). */
  private async touch(item: OutboxItem): Promise<boolean> {
    item.updated_at = this.now()
    return this.storage.replace(item)
  }

  private async fail(item: OutboxItem, err: unknown, visit: VisitSaved | null): Promise<SyncOutcome | null> {
    const error = asApiError(err)
    item.attempts += 1
    item.error = { code: error.code, message: error.message }
    if (isTransient(error)) {
      item.status = 'pending'
      return (await this.touch(item)) ? { kind: 'offline', item } : null
    }
    item.status = 'failed'
    return (await this.touch(item)) ? { kind: 'failed', item, error, visit } : null
  }

  /**
   * The visit, then each photo, then the item is removed. Null when the item left the store meanwhile (the
   * user gave it up): nothing more is sent and nothing written back.
   */
  private async send(item: OutboxItem): Promise<SyncOutcome | null> {
    let visit: VisitSaved | null = null
    if (!item.saved) {
      try {
        if (item.kind === 'create') {
          visit = await this.api.create(item.child_id, item.input, clientIdOf(item.id))
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
          return (await this.touch(item)) ? { kind: 'conflict', item, current } : null
        }
        return this.fail(item, err, null)
      }
      item.saved = true
      item.status = 'pending'
      item.error = null
      if (!(await this.touch(item))) return null
    }
    while (item.photos.length) {
      const photo = item.photos[0]
      try {
        await this.api.uploadPhoto(item.visit_id as number, photo.blob, photo.filename, clientIdOf(photo.id))
      } catch (err) {
        return this.fail(item, err, visit)
      }
      item.photos = item.photos.slice(1)
      if (!(await this.touch(item))) return null
    }
    await this.storage.delete(item.id)
    return { kind: 'saved', item, visit }
  }
}
