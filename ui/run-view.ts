import { duration, fmt, getJson, h, mount, short, table } from './dom.js';
import type { DagNode, RunDetail } from './types.js';

/** One run: params, metrics, candidates and champion, model, stage Gantt, DAG, moved deps, downloads. */
export async function runView(id: string, root: HTMLElement): Promise<void> {
  const detail = await getJson<RunDetail>(`run/${encodeURIComponent(id)}.json`);
  const r = detail.record;
  const section = (title: string, ...content: (Node | string | null)[]) =>
    h('section', { class: 'card' }, h('h2', {}, title), ...content);
  const candidates = Object.entries(r.candidates);
  const candidateMetrics = [
    ...new Set(candidates.flatMap(([, c]) => Object.keys(c.metrics))),
  ].sort();
  mount(
    root,
    h('h1', {}, `Run ${r.id}`),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge ${r.status}` }, r.status),
      ' ',
      `commit ${short(r.git.commit)}${r.git.dirty ? ' (dirty)' : ''} · ${r.git.branch ?? 'no branch'} · ${r.event} · ${r.createdAt.replace('T', ' ').slice(0, 19)} · ${duration(r.timings.durationMs)}`,
      r.ci?.runUrl ? h('a', { href: r.ci.runUrl }, ' · workflow run') : null,
    ),
    h(
      'div',
      { class: 'grid' },
      section(
        'Metrics',
        table(
          ['metric', 'value'],
          Object.entries(r.metrics).map(([k, v]) => [k, fmt(v)]),
          'kv',
        ),
      ),
      section(
        'Params',
        table(
          ['param', 'value'],
          Object.entries(r.params).map(([k, v]) => [k, fmt(v)]),
          'kv',
        ),
      ),
    ),
    candidates.length > 0
      ? section(
          'Candidates',
          table(
            ['candidate', 'stage', ...candidateMetrics],
            candidates.map(([name, c]) => [
              name === r.champion ? h('strong', {}, `${name} ★ champion`) : name,
              c.stage,
              ...candidateMetrics.map((m) => fmt(c.metrics[m])),
            ]),
            'candidates',
          ),
        )
      : null,
    r.model
      ? section(
          'Model',
          table(
            ['', ''],
            [
              ['file', r.model.path],
              ['size', `${fmt(r.model.bytes / 1024)} KiB`],
              ['sha256', h('span', { class: 'mono' }, r.model.sha256.slice(0, 16))],
              [
                'inputs',
                r.model.inputs
                  .map((t) => `${t.name}: ${t.type}[${t.shape.map((d) => d ?? '?').join(', ')}]`)
                  .join('; '),
              ],
              [
                'outputs',
                r.model.outputs
                  .map((t) => `${t.name}: ${t.type}[${t.shape.map((d) => d ?? '?').join(', ')}]`)
                  .join('; '),
              ],
              [
                'latency',
                r.model.latency
                  ? `p50 ${r.model.latency.p50Ms} ms · p95 ${r.model.latency.p95Ms} ms (${r.model.latency.runs} runs)`
                  : '—',
              ],
            ],
            'kv',
          ),
        )
      : null,
    section('Stage timeline', gantt(r)),
    detail.dag.length > 0 ? section('DAG (current pipeline)', dagView(detail.dag, r.stages)) : null,
    section(
      'Data deps that moved',
      detail.previous === null
        ? 'No earlier run on this branch to compare with.'
        : detail.movedDeps.length === 0
          ? `None since ${detail.previous}.`
          : table(
              ['path', 'before', 'after'],
              detail.movedDeps.map((d) => [
                d.path,
                d.before ? `${d.before.hash.slice(0, 10)} (${d.before.bytes} B)` : 'absent',
                d.after ? `${d.after.hash.slice(0, 10)} (${d.after.bytes} B)` : 'absent',
              ]),
            ),
    ),
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

/** Bars from each stage's start and duration; cached/unchanged stages in grey. */
function gantt(r: RunDetail['record']): HTMLElement {
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
            title: `${s.status} ${duration(s.durationMs)}`,
          }),
        ),
        h('span', { class: 'gantt-time' }, `${s.status} · ${duration(s.durationMs)}`),
      );
    }),
  );
}

function dagView(nodes: DagNode[], stages: RunDetail['record']['stages']): HTMLElement {
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
