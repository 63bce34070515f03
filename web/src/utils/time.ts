// Dates shown in Asia/Shanghai whatever the device's zone; the API speaks epoch milliseconds.
export const TIME_ZONE = 'Asia/Shanghai'

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

const dateFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

const hourFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: 'numeric', hourCycle: 'h23' })

function parts(fmt: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of fmt.formatToParts(new Date(ms))) out[p.type] = p.value
  return out
}

/** 2026-01-31 08:05:09 (Beijing time); '' for a missing value. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return ''
  const p = parts(dateTimeFmt, ms)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}

/** 2026-01-31 (Beijing time). */
export function formatDate(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return ''
  const p = parts(dateFmt, ms)
  return `${p.year}-${p.month}-${p.day}`
}

/** The hour of day (0–23) in Beijing. */
export function shanghaiHour(ms: number): number {
  return Number(parts(hourFmt, ms).hour) % 24
}

/**
 * Epoch milliseconds of the start of the Beijing day `yyyy-mm-dd` (UTC+8 all year, no DST);
 * with `endOfDay` the last millisecond of that day.
 */
export function shanghaiDayToMs(day: string, endOfDay = false): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return undefined
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600 * 1000
  return endOfDay ? start + 24 * 3600 * 1000 - 1 : start
}
