// The one place ECharts is imported: piecemeal (bar and pie charts, grid, tooltip, legend, canvas) so the
// chunk stays small. Loaded lazily by useEcharts when the first chart mounts.
import { use, init } from 'echarts/core'
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
export type { ECharts, EChartsCoreOption } from 'echarts/core'
