// vue-i18n (composition mode), zh-CN by default; the choice is remembered in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import enUS from './en-US'

export type LocaleName = 'zh-CN' | 'en-US'
export const LOCALES: { value: LocaleName; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en-US', label: 'English' },
]
const STORAGE_KEY = 'hulei.locale'

function initialLocale(): LocaleName {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (saved === 'zh-CN' || saved === 'en-US') return saved
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN'
}

export const messages = { 'zh-CN': zhCN, 'en-US': enUS }

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
})

export function currentLocale(): LocaleName {
  return i18n.global.locale.value as LocaleName
}

export function setLocale(locale: LocaleName): void {
  i18n.global.locale.value = locale
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    /* storage unavailable */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}
