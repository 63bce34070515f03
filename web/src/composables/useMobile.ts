// Whether the screen is phone-sized (< 768 px): the layout, dialogs, forms and pagination adapt.
import { computed, ref, type Ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 767px)'
let shared: Ref<boolean> | null = null

export function useMobile(): Ref<boolean> {
  if (shared) return shared
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const state = ref(mql ? mql.matches : false)
  mql?.addEventListener?.('change', (e) => {
    state.value = e.matches
  })
  shared = state
  return state
}

/** Props shared by every form dialog: full screen on a phone, at most 560 px elsewhere. */
export function useDialogLayout(width = 560) {
  const mobile = useMobile()
  return {
    mobile,
    dialogWidth: `min(${width}px, 94vw)`,
    fullscreen: computed(() => mobile.value),
    labelPosition: computed<'top' | 'right'>(() => (mobile.value ? 'top' : 'right')),
    paginationLayout: computed(() => (mobile.value ? 'total, prev, pager, next' : 'total, sizes, prev, pager, next, jumper')),
  }
}
