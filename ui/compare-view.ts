import { delta, fmt, getJson, h, mount, short } from './dom.js';
import type { CompareResult, RunDetail } from './types.js';

/** Two or more runs side by side, deltas against the first; for two, `cd4ml compare`'s verdict. */
export async function compareView(ids: string[], root: HTMLElement, live: boolean): Promise<void> {
  const details = await Promise.all(
    ids.map((id) => getJson<RunDetail>(`run/${encodeURIComponent(id)}.json`)),
  );
  const records = details.map((d) => d.record);
  const [base] = records;
  if (!base) return;
  const rows = (
    pick: (r: (typeof records)[number]) => Record<string, string | number | boolean | null>,
    numeric: boolean,
  ) => {
    const names = [...new Set(records.flatMap((r) => Object.keys(pick(r))))].sort();
    return names.map((name) => {
      const values = records.map((r) => pick(r)[name]);
      const differs = values.some((v) => v !== values[0]);
      return h(
        'tr',
        { class: differs ? 'differs' : '' },
        h('td', {}, name),
        values.map((v, i) =>
          h(
            'td',
            { class: 'num' },
            fmt(v),
            i > 0 && numeric && typeof v === 'number' && typeof values[0] === 'number'
              ? h(
                  'span',
                  { class: `delta ${v > values[0] ? 'up' : v < values[0] ? 'down' : ''}` },
                  ` (${delta(values[0], v)})`,
                )
              : null,
          ),
        ),
      );
    });
  };
  const head = h(
    'tr',
    {},
    h('th', {}, ''),
    records.map((r, i) =>
      h(
        'th',
        {},
        h('a', { href: `#/run/${r.id}` }, r.id),
        h('br', {}),
        `${short(r.git.commit)} · ${r.git.branch ?? '—'}${i === 0 ? ' (base)' : ''}`,
      ),
    ),
  );
  const gate = h(
    'section',
    { class: 'card', id: 'gate' },
    h('h2', {}, 'Significance and gate (cd4ml compare)'),
  );
  mount(
    root,
    h('h1', {}, `Compare ${records.length} runs`),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Metrics'),
      h(
        'table',
        { class: 'compare', id: 'compare-metrics' },
        h('thead', {}, head.cloneNode(true)),
        h(
          'tbody',
          {},
          rows((r) => r.metrics, true),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Params'),
      h(
        'table',
        { class: 'compare' },
        h('thead', {}, head),
        h(
          'tbody',
          {},
          rows((r) => r.params, true),
        ),
      ),
    ),
    records.length === 2 ? gate : null,
  );
  if (records.length !== 2) return;
  const [, headRun] = records;
  try {
    const result = await getJson<CompareResult>(
      `compare/${encodeURIComponent(headRun!.id)}/${encodeURIComponent(base.id)}.json`,
    );
    gate.append(
      h(
        'p',
        {},
        'Gate: ',
        h('span', { class: `badge ${result.conclusion}` }, result.conclusion),
        ` — ${headRun!.id} against ${base.id}`,
      ),
      h('pre', {}, result.text),
    );
  } catch {
    gate.append(
      h(
        'p',
        {},
        live
          ? 'The comparison could not be computed.'
          : 'This exported site carries the gate outcome of each run against the run before it on its branch; select a run and the one before it, or use cd4ml ui for any pair.',
      ),
    );
  }
}
