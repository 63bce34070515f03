// The side menu: the pages flagged for it whose permission the user holds (and not their menuUnless one).
import type { RouteRecordRaw } from 'vue-router'

export interface MenuItem {
  path: string
  title: string
  icon?: string
}

export function buildMenu(
  children: readonly RouteRecordRaw[],
  can: (permission: string) => boolean,
  base = '/',
): MenuItem[] {
  const out: MenuItem[] = []
  for (const r of children) {
    const meta = r.meta ?? {}
    if (!meta.menu) continue
    if (meta.permission && !can(meta.permission)) continue
    if (meta.menuUnless && can(meta.menuUnless)) continue
    const path = r.path.startsWith('/') ? r.path : base + r.path
    out.push({ path, title: meta.title ?? String(r.name ?? r.path), icon: meta.icon })
  }
  return out
}
