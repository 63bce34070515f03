import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import zhCN from '@/locales/zh-CN'
import enUS from '@/locales/en-US'
import { i18n } from '@/locales'

function keys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}
function get(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj)
}
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|vue)$/.test(f) ? [p] : []
  })
}

describe('i18n', () => {
  const zhKeys = keys(zhCN).sort()
  const enKeys = keys(enUS).sort()

  it('has the same keys in zh-CN and en-US', () => {
    expect(enKeys).toEqual(zhKeys)
  })

  it('has no empty strings', () => {
    for (const k of zhKeys) {
      expect(String(get(zhCN, k)).trim(), `zh-CN ${k}`).not.toBe('')
      expect(String(get(enUS, k)).trim(), `en-US ${k}`).not.toBe('')
    }
  })

  it('uses the same placeholders in both languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const k of zhKeys) expect(ph(String(get(enUS, k))), k).toEqual(ph(String(get(zhCN, k))))
  })

  it('defines every key the source uses literally', () => {
    const root = join(__dirname, '../../src')
    const used = new Set<string>()
    for (const f of sources(root)) {
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1])
      for (const m of text.matchAll(/title: '([a-z]+\.[a-zA-Z_]+)'/g)) used.add(m[1])
      for (const m of text.matchAll(/key: '([a-z]+\.[a-zA-Z_]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(100)
    const missing = [...used].filter((k) => typeof get(zhCN, k) !== 'string')
    expect(missing).toEqual([])
  })

  it('defaults to Chinese and formats placeholders', () => {
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(i18n.global.t('units.count', { n: 3 })).toBe('共 3 个单位')
  })
})
