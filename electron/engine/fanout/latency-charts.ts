import type { EChartsOption } from 'echarts';
import type { BackendFigures, ClientFigures, FanoutReport } from '../../../shared/contract/fanout.js';

/** One chart as an ECharts option and its size; rendered to SVG on the server (report-html.ts). */
export interface ChartSpec {
  readonly option: EChartsOption;
  readonly width: number;
  readonly height: number;
}

/** Labels the caller translated. */
export interface ChartLabels {
  readonly latencyAxis: string;
  readonly messagesAxis: string;
  readonly delivered: string;
  readonly lost: string;
  readonly outOfOrder: string;
  readonly duplicated: string;
  readonly timeAxis: string;
  readonly backendName: (backend: string | null) => string;
  readonly clientName: (client: number) => string;
  readonly eventName: (kind: ClientFigures['timeline'][number]['kind']) => string;
}

const palette = ['#3867d6', '#20bf6b', '#eb3b5a', '#f7b731', '#8854d0', '#0fb9b1', '#fa8231', '#4b6584'];

/** A latency histogram per backend on the report's common bins (one small chart each, same axes). */
export function latencyHistograms(report: FanoutReport, labels: ChartLabels): ChartSpec[] {
  const edges = report.histogramEdgesMs;
  if (edges.length < 2) return [];
  const bins = edges.slice(0, -1).map((edge, index) => `${formatMs(edge)}–${formatMs(edges[index + 1]!)}`);
  const highest = Math.max(1, ...report.backends.flatMap((row) => row.histogram.counts));
  return report.backends.map((row, index) => ({
    width: 520,
    height: 260,
    option: {
      animation: false,
      color: [palette[index % palette.length]!],
      title: { text: labels.backendName(row.backend), subtext: `p50 ${formatMs(row.latency.p50Ms)} · p95 ${formatMs(row.latency.p95Ms)} · p99 ${formatMs(row.latency.p99Ms)} · max ${formatMs(row.latency.maxMs)}`, left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 56, right: 16, top: 64, bottom: 72 },
      xAxis: { type: 'category', data: bins, name: labels.latencyAxis, nameLocation: 'middle', nameGap: 56, axisLabel: { rotate: 45, fontSize: 9 } },
      yAxis: { type: 'value', max: highest, name: labels.messagesAxis },
      series: [{ type: 'bar', data: row.histogram.counts, barCategoryGap: '10%' }],
    },
  }));
}

/** Delivered, lost, out-of-order and duplicated messages per backend, side by side. */
export function deliveryChart(report: FanoutReport, labels: ChartLabels): ChartSpec {
  const names = report.backends.map((row) => labels.backendName(row.backend));
  const series = (name: string, pick: (row: BackendFigures) => number, color: string) => ({ type: 'bar' as const, name, data: report.backends.map(pick), itemStyle: { color } });
  return {
    width: 1060,
    height: Math.max(200, 90 + report.backends.length * 48),
    option: {
      animation: false,
      legend: { top: 0 },
      grid: { left: 140, right: 24, top: 36, bottom: 24 },
      xAxis: { type: 'value', name: labels.messagesAxis },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        series(labels.delivered, (row) => row.delivered, '#20bf6b'),
        series(labels.lost, (row) => row.lost, '#eb3b5a'),
        series(labels.outOfOrder, (row) => row.outOfOrder, '#f7b731'),
        series(labels.duplicated, (row) => row.duplicated, '#8854d0'),
      ],
    },
  };
}

const maxTimelineClients = 100;

/** Per-client timelines (the first 100 clients): one lane per client, one mark per event, coloured by kind. */
export function clientTimelines(report: FanoutReport, labels: ChartLabels): ChartSpec | null {
  const clients = report.clients.slice(0, maxTimelineClients);
  if (clients.length === 0) return null;
  const kinds = [...new Set(clients.flatMap((client) => client.timeline.map((event) => event.kind)))];
  const lanes = clients.map((client) => `${labels.clientName(client.client)} · ${labels.backendName(client.backend)}`);
  return {
    width: 1060,
    height: 80 + clients.length * 18,
    option: {
      animation: false,
      legend: { top: 0, data: kinds.map(labels.eventName) },
      grid: { left: 180, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: labels.timeAxis, nameLocation: 'middle', nameGap: 26, min: 0 },
      yAxis: { type: 'category', data: lanes, inverse: true, axisLabel: { fontSize: 9 } },
      series: kinds.map((kind, index) => ({
        type: 'scatter' as const,
        name: labels.eventName(kind),
        symbolSize: 7,
        itemStyle: { color: palette[index % palette.length]! },
        data: clients.flatMap((client, lane) => client.timeline.filter((event) => event.kind === kind).map((event) => [event.atMs, lane])),
      })),
    },
  };
}

function formatMs(value: number | null): string {
  if (value === null) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)} ms`;
}
