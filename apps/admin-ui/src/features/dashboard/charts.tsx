import { Grid } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { chartValue, formatFigure, type DashboardMetric, type Measure } from './model';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const RED = '#c8102e';
const GREY = '#bfbfbf';
const BLUE = '#1677ff';

function useChartHeight() {
  const screens = Grid.useBreakpoint();
  return screens.md ? 320 : 240;
}

/** How an axis and a tooltip write a plotted value (yuan or percent already). */
function axisFormatter(measure: Measure, language: string) {
  const number = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => (measure === 'basis_points' ? `${value}%` : number.format(value));
}

/** Actual against target for each sub-unit line; a click on a bar opens that line's cases. */
export function SubUnitChart({
  metric,
  names,
  onSelect,
}: {
  metric: DashboardMetric;
  names: Map<string, string>;
  onSelect: (unitId: string) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const height = useChartHeight();
  const option = useMemo(() => {
    const lines = metric.bySubUnit;
    const toText = (raw: string | null) => formatFigure(raw, metric.measure, i18n.language);
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number }[]) => {
          const line = lines[items[0]?.dataIndex ?? 0];
          if (!line) return '';
          return [
            `<b>${escapeHtml(names.get(line.unitId) ?? '')}</b>`,
            `${t('detail.actual')}: ${toText(line.actual)}`,
            `${t('detail.target')}: ${line.target === null ? '—' : toText(line.target)}`,
          ].join('<br/>');
        },
      },
      legend: { top: 0, data: [t('detail.actual'), t('detail.target')] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: lines.map((line) => names.get(line.unitId) ?? ''),
        axisLabel: { interval: 0, width: 90, overflow: 'break', fontSize: 11 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: axisFormatter(metric.measure, i18n.language) } },
      series: [
        {
          name: t('detail.actual'),
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: RED },
          cursor: 'pointer',
          data: lines.map((line) => chartValue(line.actual, metric.measure)),
        },
        {
          name: t('detail.target'),
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: GREY },
          data: lines.map((line) => chartValue(line.target, metric.measure)),
        },
      ],
    };
  }, [metric, names, t, i18n.language]);
  const events = useMemo(
    () => ({ click: (params: { dataIndex: number }) => metric.bySubUnit[params.dataIndex] && onSelect(metric.bySubUnit[params.dataIndex].unitId) }),
    [metric, onSelect],
  );
  return (
    <div role="img" aria-label={t('detail.chartSubUnit')} data-testid="chart-sub-units">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} onEvents={events} />
    </div>
  );
}

/**
 * Month by month: for counts and money, the month's figure (bars) and the running total (line) against the year's
 * target; for a rate, its value at each month's end. A click on a month opens that month's cases.
 */
export function MonthChart({ metric, stockDate, onSelect }: { metric: DashboardMetric; stockDate: string; onSelect: (month: string) => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const height = useChartHeight();
  const option = useMemo(() => {
    const months = metric.byMonth;
    const rate = metric.measure === 'basis_points';
    const monthly = months.map((m) => chartValue(m.actual, metric.measure));
    let running = 0;
    // The running total stops at the stock date's month: the months after it have not happened yet.
    const lastMonth = stockDate.slice(0, 7);
    const cumulative = monthly.map((value, index) => (months[index].month > lastMonth ? null : (running += value ?? 0)));
    const target = chartValue(metric.target, metric.measure);
    const targetLine =
      target === null
        ? undefined
        : { symbol: 'none', silent: true, lineStyle: { color: BLUE, type: 'dashed' }, label: { formatter: t('detail.target'), position: 'insideEndTop' }, data: [{ yAxis: target }] };
    const labels = months.map((m) => monthLabel(m.month, i18n.language));
    const format = (value: number | null) =>
      value === null ? '—' : formatFigure(String(metric.measure === 'count' ? value : Math.round(value * 100)), metric.measure, i18n.language);
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: number | null) => format(value),
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 } },
      yAxis: {
        type: 'value',
        // The target line stays in view even when the figures are far below it.
        max: target === null ? undefined : (extent: { max: number }) => niceCeil(Math.max(extent.max, target)),
        axisLabel: { formatter: axisFormatter(metric.measure, i18n.language) },
      },
      series: rate
        ? [{ name: t('detail.stock'), type: 'line', connectNulls: false, itemStyle: { color: RED }, cursor: 'pointer', data: monthly, markLine: targetLine }]
        : [
            { name: t('detail.monthly'), type: 'bar', barMaxWidth: 28, itemStyle: { color: RED }, cursor: 'pointer', data: monthly },
            { name: t('detail.cumulative'), type: 'line', itemStyle: { color: '#595959' }, data: cumulative, markLine: targetLine },
          ],
    };
  }, [metric, stockDate, t, i18n.language]);
  const events = useMemo(
    () => ({ click: (params: { dataIndex: number }) => metric.byMonth[params.dataIndex] && onSelect(metric.byMonth[params.dataIndex].month) }),
    [metric, onSelect],
  );
  return (
    <div role="img" aria-label={t('detail.chartMonth')} data-testid="chart-months">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} onEvents={events} />
    </div>
  );
}

export function monthLabel(month: string, language: string): string {
  const number = Number(month.slice(5, 7));
  if (language === 'en') return new Date(Date.UTC(2000, number - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${number}月`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A round axis maximum a little above the value: 12 → 12, 13 → 14, 1234 → 1300. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / step) * step;
}
