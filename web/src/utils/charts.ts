// Option builders of the console's charts: pure functions of the data (and labels already translated),
// unit-tested; the components only hand them to useEcharts.
import type { EChartsCoreOption } from '@/utils/echarts'

export const CHART_COLORS = {
  brand: '#e0604f',
  blue: '#2f6fc6',
  green: '#4caf7a',
  orange: '#e6a23c',
  red: '#d9534f',
  grey: '#a8abb2',
} as const

export interface BarItem {
  label: string
  value: number
}

export interface HorizontalBarOptions {
  color: string
  /** The series name shown in the tooltip. */
  name?: string
  /** Show the value at the end of each bar. */
  valueLabels?: boolean
  /** Truncate the category labels to this width (px). */
  labelWidth?: number
}

/** One horizontal bar per item, the first on top. */
export function horizontalBarOption(items: readonly BarItem[], o: HorizontalBarOptions): EChartsCoreOption {
  return {
    animationDuration: 300,
    grid: { left: 8, right: o.valueLabels ? 24 : 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((d) => d.label),
      axisLabel: o.labelWidth ? { width: o.labelWidth, overflow: 'truncate', fontSize: 12 } : undefined,
    },
    series: [
      {
        name: o.name,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: o.color },
        label: o.valueLabels ? { show: true, position: 'right' } : undefined,
        data: items.map((d) => d.value),
      },
    ],
  }
}

export interface StackSeries {
  name: string
  color: string
  /** One value per category, in the categories' order. */
  values: readonly number[]
}

export interface StackedBarOptions {
  /** Show the legend above the chart (off when buttons outside the chart are the legend). */
  legend?: boolean
  labelWidth?: number
}

/** Horizontal bars stacked by series, one row per category; zeros left out so they leave no sliver. */
export function stackedBarOption(categories: readonly string[], series: readonly StackSeries[], o: StackedBarOptions = {}): EChartsCoreOption {
  return {
    animationDuration: 300,
    legend: o.legend ? { top: 0, data: series.map((s) => s.name) } : undefined,
    grid: { left: 8, right: 16, top: o.legend ? 32 : 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...categories],
      axisLabel: { width: o.labelWidth ?? 110, overflow: 'truncate', fontSize: 12 },
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 18,
      itemStyle: { color: s.color },
      emphasis: { focus: 'series' },
      data: s.values.map((v) => v || null),
    })),
  }
}

/** The height of a bar chart of n rows: a row per bar plus room for axes (and legend), never below min. */
export function barChartHeight(rows: number, perRow = 26, min = 120, extra = 30): number {
  return Math.max(min, rows * perRow + extra)
}
