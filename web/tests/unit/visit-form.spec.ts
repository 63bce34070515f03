// The visit form, rendered: it refuses to save without method and findings (errors beside the fields),
// saves through the outbox with the fields as the API expects, and says so when it kept the visit offline.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'

const { message } = vi.hoisted(() => ({ message: Object.assign(vi.fn(), { success: vi.fn(), info: vi.fn(), warning: vi.fn(), error: vi.fn() }) }))
vi.mock('@/router/navigation', () => ({ boundRouter: () => null }))
vi.mock('@/utils/message', () => ({ ElMessage: message, ElMessageBox: {} }))

import VisitForm from '@/views/visits/VisitForm.vue'
import { i18n } from '@/locales'
import { installElement } from '@/plugins/element'
import { useAuthStore } from '@/stores/auth'
import { useOutboxStore } from '@/stores/outbox'
import { memoryOutbox } from '@/utils/outbox'
import { makeMe } from './helpers'

let app: App | null = null
let host: HTMLElement

async function mount() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().setMe(makeMe({ id: 7 }))
  const api = {
    create: vi.fn(async (childId: number, input: Record<string, unknown>) => ({ id: 1, child_id: childId, ...input, notify_office: false, offer_mandatory_report: false })),
    update: vi.fn(),
    uploadPhoto: vi.fn(),
  }
  const store = useOutboxStore()
  await store.start(memoryOutbox(), api as never)
  host = document.createElement('div')
  document.body.appendChild(host)
  const done = vi.fn()
  app = createApp(VisitForm, { childId: 5, childName: '安小明', onDone: done })
  app.use(pinia).use(i18n)
  installElement(app)
  app.mount(host)
  await nextTick()
  return { api, store, done }
}
const q = (t: string) => host.querySelector(`[data-test="${t}"]`) as HTMLElement
async function settle() {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await nextTick()
  }
}
function type(el: HTMLElement, value: string) {
  const input = el as HTMLTextAreaElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

afterEach(() => {
  app?.unmount()
  app = null
  host?.remove()
})

describe('the visit form', () => {
  it('shows the missing fields and saves nothing', async () => {
    const { api } = await mount()
    ;(host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await settle()
    const errs = [...host.querySelectorAll('.err')].map((e) => e.textContent)
    expect(errs).toEqual(['请选择走访方式', '请填写走访情况'])
    expect(api.create).not.toHaveBeenCalled()
  })

  it('saves a complete visit with the chosen method, switches and trimmed texts', async () => {
    const { api, done } = await mount()
    q('visit-method-school').click()
    type(q('visit-findings'), ' 在校表现良好 ')
    await nextTick()
    q('visit-harm').click()
    await nextTick()
    ;(host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await settle()
    expect(api.create).toHaveBeenCalledTimes(1)
    const [childId, input] = api.create.mock.calls[0]
    expect(childId).toBe(5)
    expect(input).toMatchObject({ method: 'school', findings: '在校表现良好', risks: null, follow_up: null, urgent: false, suspected_harm: true })
    expect(typeof input.visited_at).toBe('number')
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ kind: 'saved' }))
    expect(message.success).toHaveBeenCalledWith('走访记录已保存')
  })

  it('shows a refusal on the form; the corrected save takes the refused one’s place in the outbox', async () => {
    const { api, store, done } = await mount()
    const { ApiError } = await import('@/api/request')
    api.create.mockRejectedValueOnce(new ApiError(400, 'too_long', '不超过 2000 字', 'findings'))
    q('visit-method-home').click()
    type(q('visit-findings'), '很长的情况')
    await nextTick()
    ;(host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await settle()
    expect([...host.querySelectorAll('.err')].map((e) => e.textContent)).toEqual(['不超过 2000 字'])
    expect(done).not.toHaveBeenCalled()
    // Not deleted behind the user's back: it waits (failed) until replaced or given up.
    expect(store.items.map((i) => i.status)).toEqual(['failed'])
    type(q('visit-findings'), '改短的情况')
    await nextTick()
    ;(host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await settle()
    expect(api.create).toHaveBeenCalledTimes(2)
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ kind: 'saved' }))
    expect(store.count).toBe(0)
  })

  it('keeps the visit on the device when offline and says so', async () => {
    const { api, store } = await mount()
    store.online = false
    q('visit-method-phone').click()
    type(q('visit-findings'), '电话回访')
    await nextTick()
    ;(host.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await settle()
    expect(api.create).not.toHaveBeenCalled()
    expect(store.count).toBe(1)
    expect(message).toHaveBeenCalledWith(expect.objectContaining({ type: 'warning', message: '已离线保存，联网后自动同步' }))
  })
})
