// The boilerplate of every chart: ECharts loaded on first use, one instance per element, the option
// re-applied whenever what it is built from changes (data, language), resized with its box, a click on
// a data item reported by index, disposed with the component. Option building stays in pure functions
// (utils/charts.ts) so it is unit-tested without a canvas.
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import type { ECharts, EChartsCoreOption } from '@/utils/echarts'

export interface UseEchartsOptions {
  /** Called with the data index of a clicked bar or slice (and the series index). */
  onClick?: (dataIndex: number, seriesIndex: number) => void
}

export function useEcharts(el: Ref<HTMLElement | undefined>, build: () => EChartsCoreOption, opts: UseEchartsOptions = {}) {
  const chart = shallowRef<ECharts | null>(null)
  let observer: ResizeObserver | null = null
  let disposed = false

  function render() {
    chart.value?.setOption(build(), true)
  }
  function resize() {
    chart.value?.resize()
  }

  onMounted(async () => {
    const { init } = await import('@/utils/echarts')
    if (disposed || !el.value) return
    const c = init(el.value)
    chart.value = c
    if (opts.onClick) {
      const onClick = opts.onClick
      c.on('click', (p) => onClick(p.dataIndex as number, (p.seriesIndex as number) ?? 0))
    }
    render()
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => resize())
      observer.observe(el.value)
    } else {
      window.addEventListener('resize', resize)
    }
  })
  onBeforeUnmount(() => {
    disposed = true
    observer?.disconnect()
    observer = null
    window.removeEventListener('resize', resize)
    chart.value?.dispose()
    chart.value = null
  })
  // build() reads the props and t(): any change of data or language re-renders.
  watch(build, () => render())

  return { chart, render, resize }
}
