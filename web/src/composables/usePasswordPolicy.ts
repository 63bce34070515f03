// The password length the security policy asks for, when the user may read policies.
import { ref } from 'vue'
import { listPolicies } from '@/api/policies'
import { useAuthStore } from '@/stores/auth'

export function usePasswordMinLength() {
  const minLength = ref<number | null>(null)
  const auth = useAuthStore()
  if (auth.can('policy:policy:list')) {
    listPolicies({ silent: true })
      .then((res) => {
        const p = res.items.find((i) => i.key === 'password.min_length')
        const n = p ? Number(p.value) : NaN
        if (Number.isFinite(n) && n > 0) minLength.value = n
      })
      .catch(() => {
        /* the hint falls back to the generic text */
      })
  }
  return minLength
}
