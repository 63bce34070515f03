// @vitest-environment node
// The service worker (public/sw.js), run in a sandbox with a fake network and Cache Storage: a navigation
// falls back to the cached shell when the network fails or a proxy answers 5xx; a redirected answer or one
// from another path is never cached; a new index.html becomes the shell only once its assets are cached.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'

const ORIGIN = 'https://hulei.example'
const SOURCE = readFileSync(fileURLToPath(new URL('../../public/sw.js', import.meta.url)), 'utf8')

const html = (entry: string) =>
  `<!doctype html><html><head><script type="module" crossorigin src="/assets/${entry}.js"></script>` +
  `<link rel="stylesheet" crossorigin href="/assets/${entry}.css"></head><body><div id="app"></div></body></html>`
const htmlResponse = (body: string, status = 200) => new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } })

function pathOf(r: string | Request | { url: string }): string {
  return new URL(typeof r === 'string' ? r : r.url, ORIGIN).pathname
}

class FakeCache {
  readonly map = new Map<string, Response>()
  async match(r: string | Request) {
    return this.map.get(pathOf(r))?.clone()
  }
  async put(r: string | Request, res: Response) {
    this.map.set(pathOf(r), res)
  }
  async keys() {
    return [...this.map.keys()].map((p) => new Request(ORIGIN + p))
  }
  async delete(r: string | Request) {
    return this.map.delete(pathOf(r))
  }
  async addAll(_list: string[]) {
    for (const p of _list) this.map.set(p, new Response('x'))
  }
  async text(path: string) {
    return (await this.map.get(path)?.clone().text()) ?? null
  }
}

type Route = () => Response | Promise<Response>

/** Loads sw.js with a network answering `routes` (anything else: offline) and an already installed shell. */
function worker(routes: Record<string, Route>) {
  const cache = new FakeCache()
  cache.map.set('/index.html', htmlResponse(html('old')))
  cache.map.set('/assets/old.js', new Response('old js'))
  cache.map.set('/assets/old.css', new Response('old css'))
  const fetched: string[] = []
  const listeners: Record<string, (e: unknown) => void> = {}
  const fetchImpl = async (input: string | Request | { url: string }) => {
    const path = pathOf(input)
    fetched.push(path)
    const route = routes[path]
    if (!route) throw new TypeError('Failed to fetch')
    return route()
  }
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] = fn),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  }
  const caches = { open: async () => cache, keys: async () => ['hulei-shell-v1'], delete: async () => true, match: (r: string) => cache.match(r) }
  vm.runInNewContext(SOURCE, { self, caches, fetch: fetchImpl, Response, Request, URL, Headers, console })

  /** Navigates to `path`; resolves with the answer once every waitUntil has settled. */
  async function navigate(path: string): Promise<Response> {
    const waits: Promise<unknown>[] = []
    let answer: Promise<Response> | null = null
    listeners.fetch({
      request: { method: 'GET', url: ORIGIN + path, mode: 'navigate' },
      respondWith: (p: Promise<Response>) => (answer = p),
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    })
    if (!answer) throw new Error('not answered')
    const res = await answer
    await Promise.all(waits)
    return res
  }
  return { cache, fetched, navigate }
}

/** A response as fetch reports it after following a redirect, or from another URL. */
function answered(res: Response, over: { redirected?: boolean; url?: string }): Response {
  if (over.redirected !== undefined) Object.defineProperty(res, 'redirected', { value: over.redirected })
  if (over.url !== undefined) Object.defineProperty(res, 'url', { value: over.url })
  return res
}

const manifest = (entry: string) => () =>
  new Response(JSON.stringify({ 'index.html': { file: `assets/${entry}.js`, css: [`assets/${entry}.css`] }, 'lazy.ts': { file: `assets/${entry}-lazy.js` } }), {
    headers: { 'Content-Type': 'application/json' },
  })

describe('the service worker’s navigations', () => {
  it('answers from the cached shell when the network fails', async () => {
    const sw = worker({})
    const res = await sw.navigate('/children/5/visits')
    expect(await res.text()).toContain('/assets/old.js')
  })

  it('answers from the cached shell when the proxy answers 502/503/504', async () => {
    for (const status of [502, 503, 504]) {
      const sw = worker({ '/children': () => htmlResponse('<h1>502 Bad Gateway</h1>', status) })
      const res = await sw.navigate('/children')
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('/assets/old.js')
    }
  })

  it('passes on a 4xx as it is (not a shell to fall back on)', async () => {
    const sw = worker({ '/nope': () => htmlResponse('not found', 404) })
    expect((await sw.navigate('/nope')).status).toBe(404)
    expect(await sw.cache.text('/index.html')).toContain('/assets/old.js')
  })

  it('adopts a new index.html only after the assets it names are cached, then drops the old ones', async () => {
    const sw = worker({
      '/todo': () => htmlResponse(html('new')),
      '/asset-manifest.json': manifest('new'),
      '/assets/new.js': () => new Response('new js'),
      '/assets/new.css': () => new Response('new css'),
      '/assets/new-lazy.js': () => new Response('lazy'),
    })
    const res = await sw.navigate('/todo')
    expect(await res.text()).toContain('/assets/new.js')
    expect(await sw.cache.text('/index.html')).toContain('/assets/new.js')
    expect(await sw.cache.text('/assets/new-lazy.js')).toBe('lazy')
    expect(await sw.cache.text('/assets/new.css')).toBe('new css')
    expect(sw.cache.map.has('/assets/old.js')).toBe(false)
  })

  it('keeps the old shell when an asset of the new one cannot be fetched (an offline reopen needs them all)', async () => {
    const sw = worker({
      '/todo': () => htmlResponse(html('new')),
      '/asset-manifest.json': manifest('new'),
      '/assets/new.js': () => new Response('new js'),
      // new.css and the lazy chunk: the network went away
    })
    const res = await sw.navigate('/todo')
    expect(await res.text()).toContain('/assets/new.js') // the page itself is the network's answer
    expect(await sw.cache.text('/index.html')).toContain('/assets/old.js')
    expect(await sw.cache.text('/assets/old.js')).toBe('old js')
  })

  it('keeps the old shell when the manifest cannot be read', async () => {
    const sw = worker({
      '/todo': () => htmlResponse(html('new')),
      '/assets/new.js': () => new Response('new js'),
      '/assets/new.css': () => new Response('new css'),
    })
    await sw.navigate('/todo')
    expect(await sw.cache.text('/index.html')).toContain('/assets/old.js')
  })

  it('never caches a redirected navigation (a captive portal or a proxy’s sign-in page)', async () => {
    const sw = worker({
      '/todo': () => answered(htmlResponse('<h1>Wi-Fi 登录</h1>'), { redirected: true, url: ORIGIN + '/todo' }),
      '/asset-manifest.json': manifest('new'),
    })
    const res = await sw.navigate('/todo')
    expect(await res.text()).toContain('Wi-Fi')
    expect(await sw.cache.text('/index.html')).toContain('/assets/old.js')
  })

  it('never caches an answer from another path', async () => {
    const sw = worker({
      '/todo': () => answered(htmlResponse('<h1>login</h1>'), { url: ORIGIN + '/portal/login' }),
      '/asset-manifest.json': manifest('new'),
    })
    await sw.navigate('/todo')
    expect(await sw.cache.text('/index.html')).toContain('/assets/old.js')
    expect(sw.fetched).not.toContain('/asset-manifest.json')
  })
})
