import type uPlot from 'uplot';
import { h } from './dom.js';
import type { RunsIndex } from './types.js';

/** One metric over a branch's runs, oldest to newest, as a uPlot line chart. */
export async function historyView(
  index: RunsIndex,
  root: HTMLElement,
  params: URLSearchParams,
): Promise<void> {
  const branch =
    params.get('branch') ?? index.branches.find((b) => b === 'main') ?? index.branches[0] ?? '';
  const metric = params.get('metric') ?? index.metrics[0] ?? '';
  const go = (b: string, m: string) =>
    (location.hash = `#/history?branch=${encodeURIComponent(b)}&metric=${encodeURIComponent(m)}`);
  const runs = index.runs
    .filter((r) => r.branch === branch && r.metrics[metric] !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const chart = h('div', { id: 'chart' });
  root.replaceChildren(
    h('h1', {}, 'Metric history'),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'select',
        {
          id: 'history-branch',
          'aria-label': 'branch',
          onchange: (e) => go((e.target as HTMLSelectElement).value, metric),
        },
        index.branches.map((b) => h('option', { value: b, selected: b === branch }, b)),
      ),
      h(
        'select',
        {
          id: 'history-metric',
          'aria-label': 'metric',
          onchange: (e) => go(branch, (e.target as HTMLSelectElement).value),
        },
        index.metrics.map((m) => h('option', { value: m, selected: m === metric }, m)),
      ),
      h('span', {}, `${runs.length} runs on ${branch || '—'}`),
    ),
    chart,
  );
  if (runs.length === 0) {
    chart.append('No runs with this metric on this branch.');
    return;
  }
  const data: uPlot.AlignedData = [
    runs.map((r) => Date.parse(r.createdAt) / 1000),
    runs.map((r) => r.metrics[metric] ?? null),
  ];
  // Loaded here, not with the page: the runs table does not wait for the chart library.
  const { default: UPlot } = await import('uplot');
  new UPlot(
    {
      width: Math.min(1100, root.clientWidth || 900),
      height: 360,
      series: [
        {},
        { label: metric, stroke: '#0969da', width: 2, points: { show: runs.length < 200 } },
      ],
      axes: [{}, { size: 70 }],
    },
    data,
    chart,
  );
}
