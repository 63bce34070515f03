import { describe, expect, it } from 'vitest'
import {
  addDays,
  buildNumberTree,
  countByUnit,
  dayNumber,
  defaultPeriod,
  defaultPhases,
  findDocNumber,
  numberDepth,
  numberLabel,
  parentNumber,
  STATUS_COLORS,
  statusColor,
  statusTagType,
  TASK_STATUSES,
} from '@/utils/plan'

const item = (number: string, title = number) => ({ number, title })

describe('parentNumber', () => {
  const present = new Set(['四', '四/（二）', '五'])
  it('finds the nearest listed ancestor', () => {
    expect(parentNumber('四/（二）/1', present)).toBe('四/（二）')
    expect(parentNumber('四/（三）/1', present)).toBe('四')
    expect(parentNumber('五/（一）', present)).toBe('五')
  })
  it('gives null for a top-level number or when no ancestor is listed', () => {
    expect(parentNumber('四', present)).toBeNull()
    expect(parentNumber('六/（一）/2', present)).toBeNull()
  })
})

describe('buildNumberTree', () => {
  it('nests the seed plan by number paths in document order', () => {
    const tree = buildNumberTree([
      item('四'),
      item('四/（一）'),
      item('四/（二）'),
      item('四/（二）/1'),
      item('四/（二）/2'),
      item('四/（三）/1'),
      item('五'),
    ])
    expect(tree.map((n) => n.number)).toEqual(['四', '五'])
    const four = tree[0]
    expect(four.children!.map((n) => n.number)).toEqual(['四/（一）', '四/（二）', '四/（三）/1'])
    expect(four.children![1].children!.map((n) => n.number)).toEqual(['四/（二）/1', '四/（二）/2'])
    expect(four.children![0].children).toBeUndefined()
    expect(tree[1].children).toBeUndefined()
  })

  it('hangs an item whose intermediate heading is missing under the nearest one listed', () => {
    const tree = buildNumberTree([item('四'), item('四/（三）/1')])
    expect(tree[0].children!.map((n) => n.number)).toEqual(['四/（三）/1'])
  })

  it('makes items without listed ancestors roots, even when children come first', () => {
    const tree = buildNumberTree([item('二/1'), item('一'), item('一/1')])
    expect(tree.map((n) => n.number)).toEqual(['二/1', '一'])
    expect(tree[1].children!.map((n) => n.number)).toEqual(['一/1'])
  })

  it('keeps every item once when a number repeats, and copies its input', () => {
    const input = [item('一', 'a'), item('一', 'b'), item('一/1')]
    const tree = buildNumberTree(input)
    expect(tree.map((n) => n.title)).toEqual(['a', 'b'])
    expect(tree[0].children!.map((n) => n.number)).toEqual(['一/1'])
    expect(input[0]).not.toHaveProperty('children')
  })

  it('returns nothing for nothing', () => {
    expect(buildNumberTree([])).toEqual([])
  })

  it('knows a number path’s depth and last label', () => {
    expect(numberDepth('四')).toBe(0)
    expect(numberDepth('四/（二）/1')).toBe(2)
    expect(numberLabel('四/（二）/1')).toBe('1')
    expect(numberLabel('一/一是')).toBe('一是')
  })
})

describe('status colours', () => {
  it('maps each status to its colour family', () => {
    expect(STATUS_COLORS.completed).toBe('#2e9d5b')
    expect(statusTagType('completed')).toBe('success')
    expect(statusTagType('on_track')).toBe('primary')
    expect(statusTagType('due_soon')).toBe('warning')
    expect(statusTagType('overdue')).toBe('danger')
    expect(statusTagType('not_started')).toBe('info')
  })
  it('shows a status the caller may not see (null) as grey', () => {
    expect(statusColor(null)).toBe(STATUS_COLORS.not_started)
    expect(statusColor(undefined)).toBe(STATUS_COLORS.not_started)
    expect(statusTagType(null)).toBe('info')
  })
  it('has five distinct colours, one per status', () => {
    expect(new Set(TASK_STATUSES.map((s) => statusColor(s))).size).toBe(5)
    expect(TASK_STATUSES[0]).toBe('overdue')
  })
})

describe('dates and phases', () => {
  it('reads only valid calendar dates', () => {
    expect(dayNumber('1970-01-02')).toBe(1)
    expect(dayNumber('2024-02-30')).toBeNull()
    expect(dayNumber('2024-2-3')).toBeNull()
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
  })

  it('proposes today to the end of the year as the period', () => {
    expect(defaultPeriod('2024-02-27')).toEqual({ start: '2024-02-27', end: '2024-12-31' })
  })

  it('splits a period into three overlapping phases inside it', () => {
    const [a, b, c] = defaultPhases('2024-02-27', '2024-12-31')
    expect([a.name, b.name, c.name]).toEqual(['宣传发动', '打击治理', '总结提升'])
    expect(a.start).toBe('2024-02-27')
    expect(c.end).toBe('2024-12-31')
    expect(b.start < a.end).toBe(true)
    expect(c.start < b.end).toBe(true)
    for (const p of [a, b, c]) {
      expect(p.start <= p.end).toBe(true)
      expect(p.start >= '2024-02-27' && p.end <= '2024-12-31').toBe(true)
    }
  })

  it('keeps a one-day period valid', () => {
    for (const p of defaultPhases('2026-12-31', '2026-12-31')) expect(p).toMatchObject({ start: '2026-12-31', end: '2026-12-31' })
  })

  it('finds the document number at the top of a plan', () => {
    expect(findDocNumber(' 五委发〔2024〕9号\n\n中共五团镇委员会')).toBe('五委发〔2024〕9号')
    expect(findDocNumber('某某方案\n一、总体要求')).toBeNull()
  })
})

describe('countByUnit', () => {
  it('counts each unit’s cells by status, in the matrix’s unit order', () => {
    const rows = countByUnit({
      units: [
        { id: 3, name: '社会事务办公室' },
        { id: 5, name: '五团镇派出所' },
      ],
      tasks: [
        { id: 1, number: '一', title: 'a', deadline_date: null, cells: [cell(3, 'overdue'), cell(5, 'completed')] },
        { id: 2, number: '二', title: 'b', deadline_date: null, cells: [cell(3, 'overdue'), cell(9, 'on_track')] },
      ],
    })
    expect(rows.map((r) => r.unit.id)).toEqual([3, 5])
    expect(rows[0].counts.overdue).toBe(2)
    expect(rows[0].total).toBe(2)
    expect(rows[1].counts).toMatchObject({ completed: 1, overdue: 0 })
  })
})

function cell(unit_id: number, status: 'overdue' | 'completed' | 'on_track') {
  return { unit_id, status, last_report_at: null, next_report_due: null, overdue_days: 0 }
}
