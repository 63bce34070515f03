// UI state shared by the layout: the locale and the phone drawer.
import { defineStore } from 'pinia'
import { setLocale, currentLocale, type LocaleName } from '@/locales'

export const useAppStore = defineStore('app', {
  state: () => ({
    locale: currentLocale() as LocaleName,
    drawerOpen: false,
    collapsed: false,
  }),
  actions: {
    changeLocale(locale: LocaleName) {
      this.locale = locale
      setLocale(locale)
    },
  },
})
