// Hulei (护蕾) service worker, hand-written: keeps the console's app shell on the device so that it reopens
// without a network (a visit can then be recorded offline and synced later by the page's outbox).
//  * navigations: network first, the cached index.html when the network fails;
//  * /assets/* (hashed by Vite, immutable): cache first;
//  * /api/* and anything else: never touched — the API is never cached.
// The build writes asset-manifest.json (vite.config.ts build.manifest); the worker caches every file it
// names, at install and again whenever a fresh index.html is fetched, and drops assets of older builds.
/* eslint-env serviceworker */
'use strict'

const CACHE = 'hulei-shell-v1'
const SHELL = ['/', '/index.html', '/favicon.svg']
const MANIFEST = '/asset-manifest.json'

/** Every built file the manifest names (entries, chunks, CSS, assets), as absolute paths. */
async function manifestFiles() {
  const res = await fetch(MANIFEST, { cache: 'no-store', credentials: 'same-origin' })
  if (!res.ok) return []
  const manifest = await res.json()
  const files = new Set()
  for (const chunk of Object.values(manifest)) {
    if (chunk.file) files.add('/' + chunk.file)
    for (const f of chunk.css || []) files.add('/' + f)
    for (const f of chunk.assets || []) files.add('/' + f)
  }
  return [...files]
}

/** Caches what the current build needs and forgets the assets of older builds. */
async function refreshAssets() {
  const cache = await caches.open(CACHE)
  let files
  try {
    files = await manifestFiles()
  } catch {
    return
  }
  if (!files.length) return
  const wanted = new Set(files)
  const cached = await cache.keys()
  const have = new Set(cached.map((r) => new URL(r.url).pathname))
  for (const f of files) {
    if (have.has(f)) continue
    try {
      const res = await fetch(f, { credentials: 'same-origin' })
      if (res.ok) await cache.put(f, res)
    } catch {
      return // offline again: the next navigation tries once more
    }
  }
  for (const req of cached) {
    const path = new URL(req.url).pathname
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(req)
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll(SHELL)
      await refreshAssets()
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('hulei-') && key !== CACHE) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

async function navigation(event) {
  const cache = await caches.open(CACHE)
  try {
    const res = await fetch(event.request)
    if (res.ok && (res.headers.get('Content-Type') || '').includes('text/html')) {
      await cache.put('/index.html', res.clone())
      event.waitUntil(refreshAssets())
    }
    return res
  } catch (err) {
    const shell = (await cache.match('/index.html', { ignoreVary: true })) || (await cache.match('/', { ignoreVary: true }))
    if (shell) return shell
    throw err
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE)
  const hit = await cache.match(request, { ignoreVary: true })
  if (hit) return hit
  const res = await fetch(request)
  if (res.ok) await cache.put(request, res.clone())
  return res
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/api/')) return // never cached, never intercepted
  if (request.mode === 'navigate') {
    event.respondWith(navigation(event))
    return
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request))
    return
  }
  if (SHELL.includes(url.pathname)) {
    // favicon and the like: network first, the cache when offline.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(url.pathname, { ignoreVary: true })) || Response.error()),
    )
  }
})
