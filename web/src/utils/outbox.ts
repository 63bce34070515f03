// The outbox of visits saved on this device but not yet on the server (the phone was offline, or the
// save failed): a small typed wrapper over IndexedDB, and an in-memory store with the same interface for
// tests and for browsers without IndexedDB. Photos are kept as Blobs until they are uploaded.
import type { Visit, VisitInput } from '@/api/visits'

/** A photo waiting to be uploaded. */
export interface OutboxPhoto {
  /** Local id, stable across retries: removes it once uploaded, and is sent as its client_id. */
  id: string
  filename: string
  blob: Blob
}

/** Where an item stands: waiting to be sent, refused by the server, or an edit that met a newer version. */
export type OutboxStatus = 'pending' | 'failed' | 'conflict'

export interface OutboxItem {
  /** Local id, sent as the visit's client_id (a retried create is then not recorded twice). */
  id: string
  /** The account that saved it: only that account's items are synced and shown. */
  user_id: number
  kind: 'create' | 'update'
  child_id: number
  /** The child's name as shown when it was saved (for the list; never sent). */
  child_name: string
  /** The visit on the server: for an edit from the start, for a create once it has been posted. */
  visit_id: number | null
  /** The visit's fields are on the server; only photos remain to upload. */
  saved: boolean
  /** An edit's base version (the one the user last saw). */
  base_version: number | null
  /** The visit an edit was based on, as the user saw it (to show his version beside the server's). */
  base: Visit | null
  /** A create's fields, or an edit's changed fields. */
  input: VisitInput
  /** Photos not yet uploaded. */
  photos: OutboxPhoto[]
  status: OutboxStatus
  /** The last error (Chinese message from the server, or the network error). */
  error: { code: string; message: string } | null
  /** A conflicting edit: the visit as it now stands on the server. */
  current: Visit | null
  attempts: number
  created_at: number
  updated_at: number
}

/**
 * The storage the sync logic needs. Several tabs may share it: `replace` writes an item back only if it is
 * still there, so an item discarded (or finished) meanwhile is never brought back.
 */
export interface OutboxStorage {
  all(): Promise<OutboxItem[]>
  get(id: string): Promise<OutboxItem | null>
  /** Writes a new item (or replaces one). */
  put(item: OutboxItem): Promise<void>
  /** Replaces an existing item; false (nothing written) when it is no longer in the store. */
  replace(item: OutboxItem): Promise<boolean>
  delete(id: string): Promise<void>
}

/** A new local id (random, not guessable from the content); also a valid client_id. */
export function outboxId(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/

/** A local id as the server's client_id (1–64 of A–Z a–z 0–9 _ -); undefined when it is not one. */
export function clientIdOf(id: string): string | undefined {
  return CLIENT_ID.test(id) ? id : undefined
}

/** Oldest first: items are synced in the order they were saved. */
function byAge(a: OutboxItem, b: OutboxItem): number {
  return a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** An outbox kept in memory (tests; fallback when IndexedDB cannot be opened). */
export function memoryOutbox(initial: OutboxItem[] = []): OutboxStorage {
  const items = new Map<string, OutboxItem>(initial.map((i) => [i.id, i]))
  return {
    async all() {
      return [...items.values()].map((i) => ({ ...i })).sort(byAge)
    },
    async get(id) {
      const item = items.get(id)
      return item ? { ...item } : null
    },
    async put(item) {
      items.set(item.id, { ...item })
    },
    async replace(item) {
      if (!items.has(item.id)) return false
      items.set(item.id, { ...item })
      return true
    },
    async delete(id) {
      items.delete(id)
    },
  }
}

const DB_NAME = 'hulei'
const DB_VERSION = 1
const STORE = 'visit_outbox'

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(DB_NAME, DB_VERSION)
    req.onupgradeneeded = () => {
      const db = req.result
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' })
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
    req.onblocked = () => reject(new Error('IndexedDB blocked'))
  })
}

/** The outbox in IndexedDB (database `hulei`, store `visit_outbox`); rejects when IndexedDB is unusable. */
export async function idbOutbox(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<OutboxStorage> {
  if (!factory) throw new Error('IndexedDB unavailable')
  const db = await openDb(factory)
  function tx(mode: IDBTransactionMode): IDBObjectStore {
    return db.transaction(STORE, mode).objectStore(STORE)
  }
  async function done(store: IDBObjectStore): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      store.transaction.oncomplete = () => resolve()
      store.transaction.onerror = () => reject(store.transaction.error)
      store.transaction.onabort = () => reject(store.transaction.error ?? new Error('aborted'))
    })
  }
  return {
    async all() {
      const items = (await promised(tx('readonly').getAll())) as OutboxItem[]
      return items.sort(byAge)
    },
    async get(id) {
      const item = (await promised(tx('readonly').get(id))) as OutboxItem | undefined
      return item ?? null
    },
    async put(item) {
      const store = tx('readwrite')
      store.put(item)
      await done(store)
    },
    async replace(item) {
      // One transaction: the check and the write cannot be split by another tab's delete.
      const store = tx('readwrite')
      let found = false
      const req = store.count(item.id)
      req.onsuccess = () => {
        found = req.result > 0
        if (found) store.put(item)
      }
      await done(store)
      return found
    },
    async delete(id) {
      const store = tx('readwrite')
      store.delete(id)
      await done(store)
    },
  }
}
