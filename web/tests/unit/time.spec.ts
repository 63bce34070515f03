import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, shanghaiDayToMs, shanghaiHour } from '@/utils/time'
import { toAuditQuery, emptyAuditSearch } from '@/views/audit/data'
import { userStatusTags } from '@/views/users/data'

describe('Asia/Shanghai time', () => {
  // 2026-01-31T23:30:05Z is 2026-02-01 07:30:05 in Beijing.
  const ms = Date.UTC(2026, 0, 31, 23, 30, 5)
  it('formats epoch milliseconds in Beijing time whatever the device zone', () => {
    expect(formatDateTime(ms)).toBe('2026-02-01 07:30:05')
    expect(formatDate(ms)).toBe('2026-02-01')
    expect(shanghaiHour(ms)).toBe(7)
    expect(formatDateTime(null)).toBe('')
  })
  it('turns a Beijing day into its first and last millisecond', () => {
    expect(shanghaiDayToMs('2026-02-01')).toBe(Date.UTC(2026, 0, 31, 16, 0, 0))
    expect(shanghaiDayToMs('2026-02-01', true)).toBe(Date.UTC(2026, 1, 1, 16, 0, 0) - 1)
    expect(shanghaiDayToMs('bad')).toBeUndefined()
  })
})

describe('page schemas', () => {
  it('builds the audit query from the search form', () => {
    const q = toAuditQuery({ ...emptyAuditSearch(), actor: ' sysadmin ', range: ['2026-02-01', '2026-02-02'] }, 2, 20)
    expect(q).toEqual({
      actor: 'sysadmin',
      action: undefined,
      object_type: undefined,
      from: Date.UTC(2026, 0, 31, 16),
      to: Date.UTC(2026, 1, 2, 16) - 1,
      page: 2,
      page_size: 20,
    })
  })
  it('derives the user status tags', () => {
    expect(userStatusTags({ active: true, locked: false, must_change_password: false }).map((s) => s.key)).toEqual(['users.active'])
    expect(userStatusTags({ active: false, locked: true, must_change_password: true }).map((s) => s.key)).toEqual([
      'users.inactive',
      'users.locked',
      'users.mustChange',
    ])
  })
})
