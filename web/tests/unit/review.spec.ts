import { describe, expect, it } from 'vitest'
import type { ParseReview, ReviewItem } from '@/api/types'
import {
  blockers,
  createReview,
  ignoreUnknown,
  includedNumbers,
  isBlocked,
  itemUnitIds,
  mapUnknown,
  pendingNames,
  setItemUnits,
  toCampaignInput,
  toTasks,
  unmapName,
  unresolvedNames,
} from '@/views/campaigns/review'

const u = (id: number, name: string) => ({ id, name })
function it_(over: Partial<ReviewItem> & { number: string }): ReviewItem {
  return { level: over.number.split('/').length - 1, line: 1, title: over.number, body: '', units: [], lead: null, deadline: null, deadline_date: null, resolved: [], ...over }
}

/** A plan with a heading, a task led by an unknown name, a task naming a group, and an item without units. */
function fixture(): ParseReview {
  return {
    title: '测试镇专项整治工作方案',
    text: '测试镇专项整治工作方案\n一、工作任务\n（一）开展宣传。\n（二）开展排查。\n二、工作要求',
    unknown: ['镇文化站', '各有关部门'],
    items: [
      it_({ number: '一', line: 2, title: '工作任务' }),
      it_({
        number: '一/（一）',
        line: 3,
        title: '开展宣传',
        units: ['镇文化站', '社会事务办', '各有关部门'],
        lead: '镇文化站',
        deadline: '2024年6月前',
        deadline_date: '2024-05-31',
        resolved: [
          { written: '镇文化站', units: [], how: 'unknown' },
          { written: '社会事务办', units: [u(3, '社会事务办公室')], how: 'alias' },
          { written: '各有关部门', units: [], how: 'unknown' },
        ],
      }),
      it_({
        number: '一/（二）',
        line: 4,
        title: '开展排查',
        units: ['派出所', '各学校', '镇文化站'],
        lead: '派出所',
        resolved: [
          { written: '派出所', units: [u(5, '五团镇派出所')], how: 'alias' },
          { written: '各学校', units: [u(8, '中心小学'), u(9, '中学')], how: 'group' },
          { written: '镇文化站', units: [], how: 'unknown' },
        ],
      }),
      it_({ number: '二', line: 5, title: '工作要求' }),
    ],
  }
}

describe('review state', () => {
  it('keeps resolved names as units and unknown names pending, never dropped', () => {
    const s = createReview(fixture())
    const [, a, b] = s.items
    expect(itemUnitIds(a)).toEqual([3])
    expect(pendingNames(a)).toEqual(['镇文化站', '各有关部门'])
    expect(itemUnitIds(b)).toEqual([5, 8, 9])
    expect(pendingNames(b)).toEqual(['镇文化站'])
    expect(unresolvedNames(s)).toEqual(['镇文化站', '各有关部门'])
    // The written lead is still unknown: no lead yet. A resolved lead leads.
    expect(a.leadUnitId).toBeNull()
    expect(b.leadUnitId).toBe(5)
    expect(isBlocked(blockers(s))).toBe(true)
  })

  it('maps an unknown name in every item that names it, keeping the written order', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    const [, a, b] = s.items
    expect(itemUnitIds(a)).toEqual([12, 3])
    expect(itemUnitIds(b)).toEqual([5, 8, 9, 12])
    expect(a.leadUnitId).toBe(12) // the written lead, now known
    expect(b.leadUnitId).toBe(5)
    expect(s.mapping).toEqual({ 镇文化站: [12] })
    expect(unresolvedNames(s)).toEqual(['各有关部门'])
  })

  it('maps a group phrase to several units and can be mapped again', () => {
    const s = createReview(fixture())
    mapUnknown(s, '各有关部门', [2, 4])
    expect(itemUnitIds(s.items[1])).toEqual([3, 2, 4])
    mapUnknown(s, '各有关部门', [6])
    expect(itemUnitIds(s.items[1])).toEqual([3, 6])
  })

  it('moves the lead with a remapped lead name but keeps a lead chosen by hand', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    expect(s.items[1].leadUnitId).toBe(12)
    mapUnknown(s, '镇文化站', [13])
    expect(s.items[1].leadUnitId).toBe(13)
    s.items[1].leadUnitId = 3
    mapUnknown(s, '镇文化站', [14])
    expect(s.items[1].leadUnitId).toBe(3)
  })

  it('drops a name only when told, lists it, and can undo', () => {
    const s = createReview(fixture())
    ignoreUnknown(s, '各有关部门')
    expect(pendingNames(s.items[1])).toEqual(['镇文化站'])
    expect(s.ignored).toEqual(['各有关部门'])
    expect(s.items[1].slots.some((x) => x.written === '各有关部门' && x.how === 'ignored')).toBe(true)
    unmapName(s, '各有关部门')
    expect(pendingNames(s.items[1])).toEqual(['镇文化站', '各有关部门'])
    expect(s.ignored).toEqual([])
  })

  it('a dropped lead name hands the lead to the first unit', () => {
    const s = createReview(fixture())
    ignoreUnknown(s, '镇文化站')
    expect(s.items[1].leadUnitId).toBe(3)
  })

  it('unmapping a mapped name makes it pending again', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    unmapName(s, '镇文化站')
    expect(unresolvedNames(s)).toEqual(['镇文化站', '各有关部门'])
    expect(s.items[1].leadUnitId).toBeNull()
  })

  it('sets an item’s units by hand, keeping the pending names asked for', () => {
    const s = createReview(fixture())
    setItemUnits(s.items[2], [9, 5, 9], [])
    expect(itemUnitIds(s.items[2])).toEqual([9, 5])
    expect(pendingNames(s.items[2])).toEqual([])
    expect(s.items[2].leadUnitId).toBe(5)
    setItemUnits(s.items[2], [9])
    expect(s.items[2].leadUnitId).toBe(9)
  })

  it('is unblocked once every unknown name is mapped or dropped', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    ignoreUnknown(s, '各有关部门')
    expect(blockers(s)).toEqual({ unresolved: [], duplicates: [], untitled: [], noTasks: false })
  })

  it('reports a duplicate number and an empty title among the included items', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    ignoreUnknown(s, '各有关部门')
    s.items[2].number = '一/（一）'
    s.items[2].title = ' '
    const b = blockers(s)
    expect(b.duplicates).toEqual(['一/（一）'])
    expect(b.untitled).toEqual(['一/（一）'])
  })

  it('creates the tasks with units and their headings, with explicit leads, dates and known phases', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    ignoreUnknown(s, '各有关部门')
    s.items[1].phases = ['宣传发动', '旧阶段']
    expect([...includedNumbers(s)].sort()).toEqual(['一', '一/（一）', '一/（二）'])
    const tasks = toTasks(s, ['宣传发动'])
    expect(tasks.map((x) => x.number)).toEqual(['一', '一/（一）', '一/（二）'])
    expect(tasks[0]).toMatchObject({ title: '工作任务', unit_ids: [], phases: [] })
    expect(tasks[0].lead_unit_id).toBeUndefined()
    expect(tasks[1]).toMatchObject({
      unit_ids: [12, 3],
      lead_unit_id: 12,
      deadline_text: '2024年6月前',
      deadline_date: '2024-05-31',
      phases: ['宣传发动'],
    })
    expect(tasks[2]).toMatchObject({ unit_ids: [5, 8, 9, 12], lead_unit_id: 5, deadline_text: null, deadline_date: null })
  })

  it('lets the server date a deadline written by hand without a date', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    ignoreUnknown(s, '各有关部门')
    s.items[2].deadlineText = ' 2026年12月底前 '
    s.items[1].deadlineDate = null
    const tasks = toTasks(s, [])
    expect(tasks[2].deadline_text).toBe('2026年12月底前')
    expect(tasks[2]).not.toHaveProperty('deadline_date')
    expect(tasks[1]).not.toHaveProperty('deadline_date')
    expect(tasks[1].deadline_text).toBe('2024年6月前')
  })

  it('builds the POST /campaigns body with the document text and trimmed phases', () => {
    const s = createReview(fixture())
    mapUnknown(s, '镇文化站', [12])
    ignoreUnknown(s, '各有关部门')
    const body = toCampaignInput(s, {
      name: ' 测试专项行动 ',
      docNumber: '',
      periodStart: '2026-03-01',
      periodEnd: '2026-12-31',
      phases: [{ name: ' 宣传发动 ', start: '2026-03-01', end: '2026-05-31' }],
    })
    expect(body.name).toBe('测试专项行动')
    expect(body.doc_number).toBeNull()
    expect(body.source_text).toBe(fixture().text)
    expect(body.phases).toEqual([{ name: '宣传发动', start: '2026-03-01', end: '2026-05-31' }])
    expect(body.tasks).toHaveLength(3)
  })
})
