import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import router from './router'
import { i18n, currentLocale } from './locales'
import { installElement } from './plugins/element'
import './styles/index.css'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
installElement(app)
app.use(router)
document.documentElement.lang = currentLocale()
app.mount('#app')

// The service worker keeps the app shell for offline use; only in a production build (in development Vite
// serves unhashed modules that must not be cached). Browsers allow it on https and on localhost only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  })
}
