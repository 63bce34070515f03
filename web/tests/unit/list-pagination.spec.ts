// The shared list pagination: the models follow the pager and the events are passed on.
import { describe, expect, it, vi } from 'vitest'
import { h, ref } from 'vue'
import ListPagination from '@/components/ListPagination.vue'
import { settle, useMount } from './dom'

describe('ListPagination', () => {
  const mount = useMount()

  it('moves v-model:page and emits current-change when a page is clicked', async () => {
    const page = ref(1)
    const pageSize = ref(10)
    const onPage = vi.fn()
    mount(() =>
      h(ListPagination, {
        total: 45,
        page: page.value,
        'onUpdate:page': (v: number) => (page.value = v),
        pageSize: pageSize.value,
        'onUpdate:pageSize': (v: number) => (pageSize.value = v),
        onCurrentChange: onPage,
      }),
    )
    await settle()
    expect(document.body.textContent).toContain('45')
    const pages = [...document.body.querySelectorAll('.el-pager li')].map((li) => li.textContent?.trim())
    expect(pages).toEqual(['1', '2', '3', '4', '5'])
    ;(document.body.querySelectorAll('.el-pager li')[2] as HTMLElement).click()
    await settle()
    expect(page.value).toBe(3)
    expect(onPage).toHaveBeenCalledWith(3)
  })
})
