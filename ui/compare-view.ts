import { natural, delta, fmt, getJson, h, mount, short } from './dom.js';
import type { CompareResult, RunDetail } from './types.js';

type Run = RunDetail['record'];
type Values = Record<string, string | number | boolean | null>;

/** Two or more runs side by side, deltas against the first; for two, `cd4ml compare`'s verdict. */
export async function compareView(ids: string[], root: HTMLElement, live: boolean): Promise<void> {
  const details = await Promise.all(
    ids.map((id) => getJson<RunDetail>(`run/${encodeURIComponent(id)}.json`)),
  );
  const records = details.map((d) => d.record);
  const [base, head] = records;
  if (!base) return;
  const gate = h(
    'section',
    { class: 'card', id: 'gate' },
    h('h2', {}, 'Significance and gate (cd4ml compare)'),
  );
  mount(
    root,
    h('h1', {}, `Compare ${records.length} runs`),
    sideBySide('Metrics', records, (r) => r.metrics, 'compare-metrics'),
    sideBySide('Params', records, (r) => r.params),
    records.length === 2 ? gate : null,
  );
  if (records.length === 2 && head) await showGate(gate, head, base, live);
}

/** A card with one row per name: each run's value, and its delta against the first. */
function sideBySide(
  title: string,
  records: Run[],
  pick: (r: Run) => Values,
  id?: string,
): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    h(
      'table',
      { class: 'compare', ...(id ? { id } : {}) },
      h('thead', {}, headRow(records)),
      h('tbody', {}, valueRows(records, pick)),
    ),
  );
}

function headRow(records: Run[]): HTMLTableRowElement {
  return h(
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
}

function valueRows(records: Run[], pick: (r: Run) => Values): HTMLTableRowElement[] {
  const names = [...new Set(records.flatMap((r) => Object.keys(pick(r))))].sort(natural);
  return names.map((name) => {
    const values = records.map((r) => pick(r)[name]);
    const first = values[0];
    const differs = values.some((v) => v !== first);
    return h(
      'tr',
      { class: differs ? 'differs' : '' },
      h('td', {}, name),
      values.map((v, i) =>
        h(
          'td',
          { class: 'num' },
          fmt(v),
          i > 0 && typeof v === 'number' && typeof first === 'number'
            ? h(
                'span',
                { class: `delta ${v > first ? 'up' : v < first ? 'down' : ''}` },
                ` (${delta(first, v)})`,
              )
            : null,
        ),
      ),
    );
  });
}

/** `cd4ml compare` of the two runs (head against base), or why the export does not carry it. */
async function showGate(gate: HTMLElement, head: Run, base: Run, live: boolean): Promise<void> {
  try {
    const result = await getJson<CompareResult>(
      `compare/${encodeURIComponent(head.id)}/${encodeURIComponent(base.id)}.json`,
    );
    gate.append(
      h(
        'p',
        {},
        'Gate: ',
        h('span', { class: `badge ${result.conclusion}` }, result.conclusion),
        ` — ${head.id} against ${base.id}`,
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
