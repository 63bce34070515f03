// The unit tree for selects (users, grants): loaded once per page when the user may list units.
import { computed, ref } from 'vue'
import { listUnits } from '@/api/units'
import type { Unit } from '@/api/types'
import { useAuthStore } from '@/stores/auth'
import { buildUnitTree, flattenUnitTree, toUnitOptions } from '@/utils/tree'

export function useUnitOptions() {
  const auth = useAuthStore()
  const units = ref<Unit[]>([])
  const options = computed(() => toUnitOptions(buildUnitTree(units.value)))
  const names = computed(() => new Map(units.value.map((u) => [u.id, u.name])))
  /** Units in tree order for flat selects (multi-select of units). */
  const flat = computed(() => flattenUnitTree(buildUnitTree(units.value)).map((u) => ({ value: u.id, label: u.name, depth: u.depth })))

  async function load() {
    if (!auth.can('org:unit:list')) return
    try {
      units.value = (await listUnits()).items
    } catch {
      units.value = []
    }
  }
  function nameOf(id: number): string {
    return names.value.get(id) ?? `#${id}`
  }
  return { units, options, flat, load, nameOf }
}
