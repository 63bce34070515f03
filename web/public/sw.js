// Hulei (护蕾) service worker, hand-written: keeps the console's app shell on the device so that it reopens
// without a network (a visit can then be recorded offline and synced later by the page's outbox).
//  * navigations: network first, the cached index.html when the network fails or a proxy answers 5xx
//    (nginx in front of a stopped server: 502/503/504);
//  * /assets/* (hashed by Vite, immutable): cache first;
//  * /api/* and anything else: never touched — the API is never cached.
// The build writes asset-manifest.json (vite.config.ts build.manifest); the worker caches every file it
// names, at install and again whenever a fresh index.html is fetched, and drops assets of older builds.
// A new index.html replaces the cached one only once every asset it and the manifest name is cached, so a
// console reopened offline never asks for a chunk it does not have. A redirected navigation (a captive
// portal, the sign-in page of a proxy) or one answered from another path is never cached.
/* eslint-env serviceworker */
'use strict'

const CACHE = 'hulei-shell-v1'
const SHELL = ['/', '/index.html', '/favicon.svg']
const MANIFEST = '/asset-manifest.json'

/** Every built file the manifest names (entries, chunks, CSS, assets), as absolute paths; [] without one. */
async function manifestFiles() {
  const res = await fetch(MANIFEST, { cache: 'no-store', credentials: 'same-origin' })
  if (res.status === 404) return []
  if (!res.ok) throw new Error('asset-manifest.json: ' + res.status)
  const manifest = await res.json()
  const files = new Set()
  for (const chunk of Object.values(manifest)) {
    if (chunk.file) files.add('/' + chunk.file)
    for (const f of chunk.css || []) files.add('/' + f)
    for (const f of chunk.assets || []) files.add('/' + f)
  }
  return [...files]
}

/** The /assets/ files an index.html names (its entry script, preloads, style sheets). */
function referencedAssets(html) {
  const files = new Set()
  const re = /(?:src|href)\s*=\s*["']?(\/assets\/[^"'\s>]+)/g
  let m
  while ((m = re.exec(html))) files.add(m[1])
  return [...files]
}

/** Caches each file not cached yet; false when one of them could not be fetched. */
async function cacheAll(cache, files) {
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname))
  for (const f of files) {
    if (have.has(f)) continue
    try {
      const res = await fetch(f, { credentials: 'same-origin' })
      if (!res.ok) return false
      await cache.put(f, res)
    } catch {
      return false // offline again: the next navigation tries once more
    }
  }
  return true
}

/**
 * Makes `res` (a fresh index.html, whose text is `html`; its headers kept as served) the cached shell once
 * the assets it and the manifest name are cached, then forgets the assets of older builds. False (the old
 * shell kept) otherwise.
 */
async function adoptShell(html, res) {
  const cache = await caches.open(CACHE)
  let files
  try {
    files = await manifestFiles()
  } catch {
    return false // unreachable again: the chunks it names could not all be cached
  }
  const wanted = new Set([...files, ...referencedAssets(html)])
  if (!(await cacheAll(cache, [...wanted]))) return false
  await cache.put('/', res.clone())
  await cache.put('/index.html', res)
  if (files.length) {
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname
      if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(req)
    }
  }
  return true
}

/** Whether a navigation's answer is the page asked for (not redirected, same path) and can be the shell. */
function shellCandidate(request, res) {
  if (!res.ok || res.redirected) return false
  if (!(res.headers.get('Content-Type') || '').includes('text/html')) return false
  try {
    return new URL(res.url || request.url).pathname === new URL(request.url).pathname
  } catch {
    return false
  }
}

async function cachedShell(cache) {
  return (await cache.match('/index.html', { ignoreVary: true })) || (await cache.match('/', { ignoreVary: true }))
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      await cache.addAll(SHELL.filter((f) => f !== '/' && f !== '/index.html'))
      const res = await fetch('/index.html', { cache: 'no-store', credentials: 'same-origin' })
      if (!res.ok) throw new Error('index.html: ' + res.status)
      if (!(await adoptShell(await res.clone().text(), res))) throw new Error('assets not cached')
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
  let res
  try {
    res = await fetch(event.request)
  } catch (err) {
    const shell = await cachedShell(cache)
    if (shell) return shell
    throw err
  }
  if (!res.ok && res.status >= 500) {
    // The proxy is up but the console's server is not: the cached shell runs offline.
    return (await cachedShell(cache)) || res
  }
  if (shellCandidate(event.request, res)) {
    const keep = res.clone()
    event.waitUntil(
      res
        .clone()
        .text()
        .then((html) => adoptShell(html, keep))
        .catch(() => false),
    )
  }
  return res
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
