// Mounting console components in jsdom (with i18n and Element Plus) and driving them by their data-test names.
import { afterEach, beforeEach, vi } from 'vitest'
import { createApp, nextTick, type App, type VNode } from 'vue'
import { i18n } from '@/locales'
import { installElement } from '@/plugins/element'

/** Lets pending promises, timers of 0 ms and Vue's re-renders run (a few rounds: requests chain). */
export async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 0))
    await nextTick()
  }
}

/** The element with data-test `name` anywhere in the document (dialogs are teleported to the body). */
export const q = (name: string) => document.body.querySelector(`[data-test="${name}"]`) as HTMLElement | null

/** The <input> of a field whose data-test sits on the input itself or on its wrapper. */
export function input(name: string): HTMLInputElement {
  const el = q(name)!
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
}

/** Types `value` into the field `name` as a user would (an input event), then settles. */
export async function type(name: string, value: string) {
  const el = input(name)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}

/**
 * Registers, in the calling describe block, a clean-up after each test (unmount, empty body) and silences
 * jsdom's "unexpected width" warning (nothing is laid out, so Element Plus's label widths are NaN).
 * Returns mount(render), which mounts a root rendering `render` with i18n and Element Plus.
 */
export function useMount() {
  let app: App | null = null
  let host: HTMLElement | null = null
  beforeEach(() => {
    const warn = console.warn
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes('unexpected width')) warn(...args)
    })
  })
  afterEach(() => {
    app?.unmount()
    app = null
    host?.remove()
    document.body.innerHTML = ''
  })
  return (render: () => VNode) => {
    host = document.createElement('div')
    document.body.appendChild(host)
    app = createApp({ setup: () => render })
    app.use(i18n)
    installElement(app)
    app.mount(host)
  }
}
