// The visit outbox as the console sees it: the signed-in account's waiting items (the header badge counts
// them), sync on start, on the browser's 'online' event and on 立即同步, and what follows a save (the office
// notified, the 强制报告 offer, a conflict to resolve). The logic itself is VisitOutbox (views/visits/sync.ts).
import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import { createVisit, updateVisit, uploadVisitPhoto, type VisitSaved } from '@/api/visits'
import { idbOutbox, memoryOutbox, type OutboxItem, type OutboxStorage } from '@/utils/outbox'
import { ElMessage } from '@/utils/message'
import { i18n } from '@/locales'
import { useAuthStore } from './auth'
import { VisitOutbox, type SaveOutcome, type SyncOutcome, type VisitApi, type VisitDraft } from '@/views/visits/sync'

const realApi: VisitApi = { create: createVisit, update: updateVisit, uploadPhoto: uploadVisitPhoto }

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

export const useOutboxStore = defineStore('visitOutbox', () => {
  const items = ref<OutboxItem[]>([])
  const syncing = ref(false)
  /** false when IndexedDB could not be opened: the outbox lives only as long as the page. */
  const persistent = ref(true)
  const online = ref(browserOnline())
  /** The item whose conflict dialog is open. */
  const conflictId = ref<string | null>(null)
  /** A saved visit with suspected harm: the 强制报告 dialog is open for it. */
  const reportOffer = shallowRef<VisitSaved | null>(null)
  let box: VisitOutbox | null = null
  let starting: Promise<VisitOutbox> | null = null

  const count = computed(() => items.value.length)
  const conflicts = computed(() => items.value.filter((i) => i.status === 'conflict').length)
  const conflictItem = computed(() => items.value.find((i) => i.id === conflictId.value) ?? null)

  /** Opens the outbox once (IndexedDB, else memory), or with a given storage and API (tests). */
  function start(storage?: OutboxStorage, api: VisitApi = realApi): Promise<VisitOutbox> {
    if (starting) return starting
    starting = (async () => {
      let store = storage
      if (!store) {
        try {
          store = await idbOutbox()
        } catch {
          store = memoryOutbox()
          persistent.value = false
        }
      }
      const auth = useAuthStore()
      // The lock is VisitOutbox's default: navigator.locks where the browser has it (https, localhost), so
      // two tabs never send one item; else one operation at a time within this page.
      box = new VisitOutbox(store, api, { userId: () => auth.me?.id ?? null, online: () => online.value, ready: sessionReady })
      await refresh()
      return box
    })()
    return starting
  }

  /**
   * Whether the session can send: reopened offline, the console runs on the last user's record without a
   * CSRF token, so it asks /auth/me again first (a session that ended sends the user to sign in; the items
   * wait for him).
   */
  async function sessionReady(): Promise<boolean> {
    const auth = useAuthStore()
    if (auth.offline) await auth.fetchMe()
    return !auth.offline && auth.me !== null
  }

  async function refresh(): Promise<void> {
    if (box) items.value = await box.list()
  }

  /** After a visit is on the server: tell that the office was notified; offer the mandatory report. */
  function afterSaved(visit: VisitSaved | null): void {
    if (!visit) return
    if (visit.notify_office) ElMessage({ type: 'success', message: i18n.global.t('visits.officeNotified'), showClose: true })
    if (visit.offer_mandatory_report) reportOffer.value = visit
  }

  function handle(outcomes: SyncOutcome[]): void {
    for (const o of outcomes) {
      if (o.kind === 'saved' || o.kind === 'failed') afterSaved(o.visit)
    }
  }

  /**
   * Saves a visit from the form (see SaveOutcome); a conflict opens the conflict dialog. `replaces`: the
   * form's earlier save that the server refused, which the corrected one takes the place of.
   */
  async function save(draft: VisitDraft, replaces?: string | null): Promise<SaveOutcome> {
    const b = await start()
    const out = await b.save(draft, replaces)
    await refresh()
    if (out.kind === 'saved' || out.kind === 'photos_failed') afterSaved(out.visit)
    if (out.kind === 'conflict') conflictId.value = out.item.id
    return out
  }

  /** 立即同步 (and the automatic runs): sends every waiting item of the account. */
  async function syncNow(): Promise<SyncOutcome[]> {
    const b = await start()
    if (!online.value) return []
    if (!(await sessionReady())) return []
    syncing.value = true
    try {
      const outcomes = await b.syncAll()
      handle(outcomes)
      return outcomes
    } finally {
      await refresh()
      syncing.value = false
    }
  }

  async function keepMine(id: string): Promise<SyncOutcome | null> {
    const out = await (await start()).keepMine(id)
    await refresh()
    if (out) handle([out])
    conflictId.value = out?.kind === 'conflict' ? id : null
    return out
  }

  async function takeServer(id: string): Promise<SyncOutcome | null> {
    const out = await (await start()).takeServer(id)
    await refresh()
    if (out) handle([out])
    conflictId.value = null
    return out
  }

  async function discard(id: string): Promise<void> {
    await (await start()).discard(id)
    await refresh()
    if (conflictId.value === id) conflictId.value = null
  }

  let listening = false
  /** Listens to the browser's online/offline events (and the page's return to the foreground) and syncs at once when online (called by the layout). */
  function watchNetwork(): void {
    void start()
      .then(() => (online.value ? syncNow() : undefined))
      .catch(() => undefined)
    if (listening || typeof window === 'undefined') return
    listening = true
    window.addEventListener('online', () => {
      online.value = true
      void syncNow().catch(() => undefined)
    })
    window.addEventListener('offline', () => {
      online.value = false
    })
    // A phone often regains the network without an 'online' event (the page was asleep): retry when the
    // console comes back to the foreground with items waiting.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && online.value && items.value.some((i) => i.status === 'pending'))
        void syncNow().catch(() => undefined)
    })
  }

  return {
    items,
    count,
    conflicts,
    syncing,
    persistent,
    online,
    conflictId,
    conflictItem,
    reportOffer,
    start,
    refresh,
    save,
    syncNow,
    keepMine,
    takeServer,
    discard,
    watchNetwork,
    afterSaved,
  }
})
