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
