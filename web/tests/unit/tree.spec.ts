import { describe, expect, it } from 'vitest'
import type { Unit } from '@/api/types'
import { buildUnitTree, descendantIds, toUnitOptions } from '@/utils/tree'

const u = (id: number, parent_id: number | null, name = `u${id}`): Unit => ({
  id,
  parent_id,
  name,
  kind: 'other',
  code: `c${id}`,
  aliases: [],
})

describe('buildUnitTree', () => {
  it('nests units under their parents, keeping sibling order', () => {
    const tree = buildUnitTree([u(1, null, '镇'), u(2, 1, '派出所'), u(3, 1, '一村'), u(4, 3, '一村小学'), u(5, null, '县')])
    expect(tree.map((n) => n.id)).toEqual([1, 5])
    expect(tree[0].children!.map((n) => n.id)).toEqual([2, 3])
    expect(tree[0].children![1].children!.map((n) => n.id)).toEqual([4])
    expect(tree[0].children![0].children).toBeUndefined()
  })

  it('handles children listed before their parent', () => {
    const tree = buildUnitTree([u(4, 3), u(3, 1), u(1, null)])
    expect(tree).toHaveLength(1)
    expect(tree[0].children![0].children![0].id).toBe(4)
  })

  it('makes a unit whose parent is missing (filtered out) a root', () => {
    const tree = buildUnitTree([u(2, 1), u(3, 1), u(4, 3)])
    expect(tree.map((n) => n.id)).toEqual([2, 3])
    expect(tree[1].children!.map((n) => n.id)).toEqual([4])
  })

  it('survives cycles and self-parents: every unit appears once', () => {
    const tree = buildUnitTree([u(1, 2), u(2, 1), u(3, 3)])
    const ids: number[] = []
    const walk = (ns: typeof tree) => ns.forEach((n) => (ids.push(n.id), walk(n.children ?? [])))
    walk(tree)
    expect(ids.sort()).toEqual([1, 2, 3])
  })

  it('does not modify its input', () => {
    const input = [u(1, null), u(2, 1)]
    buildUnitTree(input)
    expect(input[0]).not.toHaveProperty('children')
  })

  it('returns an empty forest for no units', () => {
    expect(buildUnitTree([])).toEqual([])
  })
})

describe('descendantIds and toUnitOptions', () => {
  const units = [u(1, null), u(2, 1), u(3, 2), u(4, 1)]
  it('collects a unit and everything below it', () => {
    expect([...descendantIds(units, 2)].sort()).toEqual([2, 3])
    expect([...descendantIds(units, 1)].sort()).toEqual([1, 2, 3, 4])
  })
  it('disables the blocked units in the tree-select options', () => {
    const opts = toUnitOptions(buildUnitTree(units), descendantIds(units, 2))
    expect(opts[0].disabled).toBeUndefined()
    expect(opts[0].children![0]).toMatchObject({ value: 2, disabled: true })
    expect(opts[0].children![0].children![0]).toMatchObject({ value: 3, disabled: true })
    expect(opts[0].children![1]).toMatchObject({ value: 4, label: 'u4' })
  })
})
