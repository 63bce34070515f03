import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The API is served by `hulei serve` on the same origin; in development, proxy it.
const apiTarget = process.env.HULEI_API ?? 'http://127.0.0.1:8080'

/** Splits the vendor code into a few cacheable chunks so no single chunk is huge. */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined
  if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts'
  if (id.includes('/element-plus/') || id.includes('/@element-plus/')) return 'element-plus'
  if (/\/(@vueuse|@floating-ui|@popperjs|@sxzz|lodash|lodash-es|lodash-unified|dayjs|async-validator|@ctrl)\//.test(id))
    return 'element-plus-deps'
  if (id.includes('/qrcode/') || id.includes('/dijkstrajs/') || id.includes('/pngjs/')) return 'qrcode'
  if (/\/(vue|@vue|vue-router|pinia|vue-i18n|@intlify)\//.test(id)) return 'vue-vendor'
  return 'vendor'
}

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false }, '/healthz': apiTarget },
  },
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 600,
    // The list of built files, read by the service worker (public/sw.js) to keep the console offline.
    manifest: 'asset-manifest.json',
    rollupOptions: { output: { manualChunks } },
  },
})
