// ChoiceGrid: one radio button per option named `${testPrefix}-${value}` (or its `test` for an empty value),
// a click selects through v-model, aria-checked follows the value, and the slot may replace the label.
import { describe, expect, it } from 'vitest'
import { h, ref } from 'vue'
import ChoiceGrid from '@/components/ChoiceGrid.vue'
import { q, settle, useMount } from './dom'

describe('ChoiceGrid', () => {
  const mount = useMount()
  const options = [
    { value: 'home', label: '入户' },
    { value: 'school', label: '到校' },
    { value: '', label: '不详', test: 'unknown', dashed: true },
  ]

  function render(selected = '', extra: Record<string, unknown> = {}) {
    const model = ref(selected)
    mount(() =>
      h(ChoiceGrid, {
        modelValue: model.value,
        'onUpdate:modelValue': (v: string | number) => (model.value = String(v)),
        options,
        testPrefix: 'pick',
        'aria-label': '方式',
        ...extra,
      }),
    )
    return model
  }

  it('renders one focusable radio per option in a radiogroup, named by the prefix and the value', () => {
    render()
    const group = document.querySelector('[role="radiogroup"]') as HTMLElement
    expect(group.getAttribute('aria-label')).toBe('方式')
    expect(group.style.gridTemplateColumns).toBe('repeat(2, 1fr)')
    const radios = Array.from(group.querySelectorAll('button[role="radio"]')) as HTMLButtonElement[]
    expect(radios.map((b) => b.dataset.test)).toEqual(['pick-home', 'pick-school', 'pick-unknown'])
    expect(radios.map((b) => b.textContent?.trim())).toEqual(['入户', '到校', '不详'])
    expect(radios.every((b) => b.type === 'button' && b.tabIndex === 0)).toBe(true)
    expect(q('pick-unknown')!.classList.contains('dashed')).toBe(true)
  })

  it('emits the value on click and moves aria-checked with it; columns and invalid reach the grid', async () => {
    const model = render('school', { columns: 3, invalid: true })
    const group = document.querySelector<HTMLElement>('[role="radiogroup"]')!
    expect(group.style.gridTemplateColumns).toBe('repeat(3, 1fr)')
    expect(group.classList.contains('invalid')).toBe(true)
    expect(q('pick-school')!.getAttribute('aria-checked')).toBe('true')
    expect(q('pick-home')!.getAttribute('aria-checked')).toBe('false')
    q('pick-home')!.click()
    await settle()
    expect(model.value).toBe('home')
    expect(q('pick-home')!.getAttribute('aria-checked')).toBe('true')
    expect(q('pick-home')!.classList.contains('on')).toBe(true)
    expect(q('pick-school')!.getAttribute('aria-checked')).toBe('false')
    q('pick-unknown')!.click()
    await settle()
    expect(model.value).toBe('')
    expect(q('pick-unknown')!.getAttribute('aria-checked')).toBe('true')
  })

  it('lets the default slot render an option, told whether it is checked', () => {
    const model = ref('school')
    mount(() =>
      h(
        ChoiceGrid,
        { modelValue: model.value, options, testPrefix: 'pick' },
        { default: ({ option, checked }: { option: { label: string }; checked: boolean }) => h('b', `${option.label}${checked ? ' ✓' : ''}`) },
      ),
    )
    expect(q('pick-school')!.innerHTML).toBe('<b>到校 ✓</b>')
    expect(q('pick-home')!.innerHTML).toBe('<b>入户</b>')
  })
})
