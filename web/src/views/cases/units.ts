// The units a case form offers: villages (the victim's), any unit (the suspect's employer, a support item) and
// the 司法所 (legal aid goes to a judicial_office only — cases_service.cpp). Loaded once per dialog opening.
import { computed, ref } from 'vue'
import { listUnits } from '@/api/units'
import type { Unit } from '@/api/types'
import { useAuthStore } from '@/stores/auth'

export interface UnitOption {
  value: number
  label: string
}

const option = (u: Unit): UnitOption => ({ value: u.id, label: u.name })

export function useCaseUnits() {
  const auth = useAuthStore()
  const units = ref<Unit[]>([])
  const loaded = ref(false)
  const villages = computed(() => units.value.filter((u) => u.kind === 'village').map(option))
  const judicial = computed(() => units.value.filter((u) => u.kind === 'judicial_office').map(option))
  const all = computed(() => units.value.map(option))

  async function load() {
    if (loaded.value || !auth.can('org:unit:list')) return
    try {
      units.value = (await listUnits()).items
      loaded.value = true
    } catch {
      units.value = []
    }
  }
  return { units, villages, judicial, all, load }
}
