// The unit tree, built from the flat list the API returns.
import type { Unit } from '@/api/types'

export interface UnitNode extends Unit {
  children?: UnitNode[]
}

/**
 * Nests units under their parent_id, keeping the list's order among siblings. A unit whose parent is
 * absent from the list (a filtered search, or a scope that hides the parent) becomes a root, and a
 * cycle in bad data cannot hang the page: each unit appears exactly once.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>()
  for (const u of units) nodes.set(u.id, { ...u })
  const roots: UnitNode[] = []
  for (const u of units) {
    const node = nodes.get(u.id)!
    const parent = u.parent_id != null && u.parent_id !== u.id ? nodes.get(u.parent_id) : undefined
    if (parent && !isAncestor(node, parent, nodes)) {
      ;(parent.children ??= []).push(node)
    } else {
      roots.push(node)
    }
  }
  return roots
}

/** Whether `node` is an ancestor of `candidate` through parent_id links (guards against cycles). */
function isAncestor(node: UnitNode, candidate: UnitNode, nodes: Map<number, UnitNode>): boolean {
  const seen = new Set<number>()
  let cur: UnitNode | undefined = candidate
  while (cur && !seen.has(cur.id)) {
    if (cur.id === node.id) return true
    seen.add(cur.id)
    cur = cur.parent_id != null ? nodes.get(cur.parent_id) : undefined
  }
  return false
}

/** The ids of a unit and all its descendants (a unit cannot be moved under one of these). */
export function descendantIds(units: readonly Unit[], id: number): Set<number> {
  const children = new Map<number, number[]>()
  for (const u of units) {
    if (u.parent_id == null) continue
    const list = children.get(u.parent_id) ?? []
    list.push(u.id)
    children.set(u.parent_id, list)
  }
  const out = new Set<number>()
  const stack = [id]
  while (stack.length) {
    const cur = stack.pop()!
    if (out.has(cur)) continue
    out.add(cur)
    stack.push(...(children.get(cur) ?? []))
  }
  return out
}

/** Tree-select options: `disabled` marks the units that may not be chosen. */
export interface UnitOption {
  value: number
  label: string
  disabled?: boolean
  children?: UnitOption[]
}

export function toUnitOptions(nodes: readonly UnitNode[], disabled?: ReadonlySet<number>): UnitOption[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    disabled: disabled?.has(n.id) || undefined,
    children: n.children?.length ? toUnitOptions(n.children, disabled) : undefined,
  }))
}

/** The units of a tree in depth-first order, each with its depth (flat selects keep the tree's order). */
export function flattenUnitTree(nodes: readonly UnitNode[], depth = 0, out: (Unit & { depth: number })[] = []) {
  for (const n of nodes) {
    const { children, ...unit } = n
    out.push({ ...unit, depth })
    if (children?.length) flattenUnitTree(children, depth + 1, out)
  }
  return out
}
