import { fmt, getJson, h, mount, natural, short, table } from './dom.js';
import { formatDuration } from '../core/compare/format.js';
import type { DagNode, RunDetail } from './types.js';

type Run = RunDetail['record'];

const section = (title: string, ...content: (Node | string | null)[]) =>
  h('section', { class: 'card' }, h('h2', {}, title), ...content);

/** One run: params, metrics, candidates and champion, model, stage Gantt, DAG, moved deps, downloads. */
export async function runView(id: string, root: HTMLElement): Promise<void> {
  const detail = await getJson<RunDetail>(`run/${encodeURIComponent(id)}.json`);
  const r = detail.record;
  mount(
    root,
    h('h1', {}, `Run ${r.id}`),
    meta(r),
    h(
      'div',
      { class: 'grid' },
      section('Metrics', keyValues('metric', r.metrics)),
      section('Params', keyValues('param', r.params)),
    ),
    candidatesSection(r),
    r.model ? section('Model', modelTable(r.model)) : null,
    section('Stage timeline', gantt(r)),
    detail.dag.length > 0 ? section('DAG (current pipeline)', dagView(detail.dag, r.stages)) : null,
    section('Data deps that moved', movedDeps(detail)),
    section(
      'Predictions',
      r.predictions
        ? `${r.predictions.rows} rows from ${r.predictions.source} (sha256 ${r.predictions.sha256.slice(0, 12)})`
        : 'No per-example predictions recorded.',
    ),
    section(
      'Downloads',
      h(
        'ul',
        {},
        detail.downloads.map((d) =>
          h('li', {}, h('a', { href: `data/${d.href}`, download: d.name }, d.name)),
        ),
      ),
    ),
  );
}

function meta(r: Run): HTMLElement {
  return h(
    'p',
    { class: 'meta' },
    h('span', { class: `badge ${r.status}` }, r.status),
    ' ',
    `commit ${short(r.git.commit)}${r.git.dirty ? ' (dirty)' : ''} · ${r.git.branch ?? 'no branch'} · ${r.event} · ${r.createdAt.replace('T', ' ').slice(0, 19)} · ${formatDuration(r.timings.durationMs)}`,
    r.ci?.runUrl ? h('a', { href: r.ci.runUrl }, ' · workflow run') : null,
  );
}

/** Name–value tables in reading order, side by side in columns of at most 15 rows. */
function keyValues(
  name: string,
  values: Record<string, string | number | boolean | null>,
): HTMLElement {
  const entries = Object.entries(values).sort(([a], [b]) => natural(a, b));
  const columns: HTMLTableElement[] = [];
  for (let at = 0; at < entries.length || at === 0; at += ROWS)
    columns.push(
      table(
        [name, 'value'],
        entries.slice(at, at + ROWS).map(([k, v]) => [k, fmt(v)]),
        'kv',
      ),
    );
  return h('div', { class: 'kv-columns' }, columns);
}
const ROWS = 15;

function candidatesSection(r: Run): HTMLElement | null {
  const candidates = Object.entries(r.candidates);
  if (candidates.length === 0) return null;
  const metrics = [...new Set(candidates.flatMap(([, c]) => Object.keys(c.metrics)))].sort(natural);
  return section(
    'Candidates',
    table(
      ['candidate', 'stage', ...metrics],
      candidates.map(([name, c]) => [
        name === r.champion ? h('strong', {}, `${name} ★ champion`) : name,
        c.stage,
        ...metrics.map((m) => fmt(c.metrics[m])),
      ]),
      'candidates',
    ),
  );
}

function modelTable(model: NonNullable<Run['model']>): HTMLTableElement {
  const tensors = (list: typeof model.inputs) =>
    list.map((t) => `${t.name}: ${t.type}[${t.shape.map((d) => d ?? '?').join(', ')}]`).join('; ');
  const latency = model.latency;
  return table(
    ['', ''],
    [
      ['file', model.path],
      ['size', `${fmt(model.bytes / 1024)} KiB`],
      ['sha256', h('span', { class: 'mono' }, model.sha256.slice(0, 16))],
      ['inputs', tensors(model.inputs)],
      ['outputs', tensors(model.outputs)],
      [
        'latency',
        latency ? `p50 ${latency.p50Ms} ms · p95 ${latency.p95Ms} ms (${latency.runs} runs)` : '—',
      ],
    ],
    'kv',
  );
}

function movedDeps(detail: RunDetail): HTMLElement | string {
  if (detail.previous === null) return 'No earlier run on this branch to compare with.';
  if (detail.movedDeps.length === 0) return `None since ${detail.previous}.`;
  return table(
    ['path', 'before', 'after'],
    detail.movedDeps.map((d) => [
      d.path,
      d.before ? `${d.before.hash.slice(0, 10)} (${d.before.bytes} B)` : 'absent',
      d.after ? `${d.after.hash.slice(0, 10)} (${d.after.bytes} B)` : 'absent',
    ]),
  );
}

/** Bars from each stage's start and duration; cached/unchanged stages in grey. */
function gantt(r: Run): HTMLElement {
  const start = Date.parse(r.timings.startedAt);
  // The run's span, or the stages' if they reach further (a record pieced together in CI).
  const total = Math.max(
    1,
    r.timings.durationMs,
    ...Object.values(r.stages).map(
      (s) => (s.startedAt ? Date.parse(s.startedAt) - start : 0) + s.durationMs,
    ),
  );
  const stages = Object.entries(r.stages).sort(
    ([, a], [, b]) =>
      Date.parse(a.startedAt ?? r.timings.startedAt) -
      Date.parse(b.startedAt ?? r.timings.startedAt),
  );
  return h(
    'div',
    { class: 'gantt' },
    stages.map(([name, s]) => {
      const offset = s.startedAt ? Math.max(0, Date.parse(s.startedAt) - start) : 0;
      const left = Math.min(100, (offset / total) * 100);
      const width = Math.max(0.5, Math.min(100 - left, (s.durationMs / total) * 100));
      return h(
        'div',
        { class: 'gantt-row' },
        h('span', { class: 'gantt-name' }, name),
        h(
          'span',
          { class: 'gantt-track' },
          h('span', {
            class: `gantt-bar ${s.status}`,
            style: `left:${left}%;width:${width}%`,
            title: `${s.status} ${formatDuration(s.durationMs)}`,
          }),
        ),
        h('span', { class: 'gantt-time' }, `${s.status} · ${formatDuration(s.durationMs)}`),
      );
    }),
  );
}

function dagView(nodes: DagNode[], stages: Run['stages']): HTMLElement {
  const layers = Math.max(...nodes.map((n) => n.layer)) + 1;
  return h(
    'div',
    { class: 'dag' },
    Array.from({ length: layers }, (_, layer) =>
      h(
        'div',
        { class: 'dag-layer' },
        nodes
          .filter((n) => n.layer === layer)
          .map((n) =>
            h(
              'div',
              {
                class: `dag-node ${stages[n.name]?.status ?? 'absent'}`,
                title: n.needs.length ? `needs ${n.needs.join(', ')}` : 'a source stage',
              },
              n.name,
              n.needs.length ? h('small', {}, `← ${n.needs.join(', ')}`) : null,
            ),
          ),
      ),
    ),
  );
}
