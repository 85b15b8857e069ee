import { duration, fmt, h, short } from './dom.js';
import type { RunRow, RunsIndex } from './types.js';

const PAGE = 50;

interface State {
  sort: string;
  descending: boolean;
  branch: string;
  event: string;
  status: string;
  search: string;
  page: number;
  selected: Set<string>;
}

const state: State = {
  sort: 'createdAt',
  descending: true,
  branch: '',
  event: '',
  status: '',
  search: '',
  page: 0,
  selected: new Set(),
};

/** The runs table: newest first, sortable by any column, filtered, paginated. */
export function runsView(index: RunsIndex, root: HTMLElement): void {
  const metrics = index.metrics;
  const params = index.params;
  const body = h('div', { class: 'table-wrap' });
  const pager = h('div', { class: 'pager' });
  const compareButton = h(
    'button',
    {
      id: 'compare',
      onclick: () => {
        location.hash = `#/compare/${[...state.selected].join(',')}`;
      },
    },
    'Compare selected',
  );
  const select = (name: keyof State, options: string[], label: string) =>
    h(
      'select',
      {
        'aria-label': label,
        id: `filter-${name}`,
        onchange: (e) => {
          (state[name] as string) = (e.target as HTMLSelectElement).value;
          state.page = 0;
          draw();
        },
      },
      h('option', { value: '' }, `${label}: all`),
      options.map((o) => h('option', { value: o, selected: state[name] === o }, o)),
    );
  const search = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'search params and metrics (e.g. C=0.5, accuracy>0.9, logreg)',
    value: state.search,
    oninput: (e) => {
      state.search = (e.target as HTMLInputElement).value;
      state.page = 0;
      draw();
    },
  });
  root.replaceChildren(
    h(
      'div',
      { class: 'toolbar' },
      select('branch', index.branches, 'branch'),
      select('event', index.events, 'event'),
      select('status', ['success', 'failed'], 'status'),
      search,
      compareButton,
    ),
    body,
    pager,
  );
  const columns: {
    key: string;
    label: string;
    value: (r: RunRow) => string | number | boolean | null;
  }[] = [
    { key: 'createdAt', label: 'created', value: (r) => r.createdAt },
    { key: 'commit', label: 'commit', value: (r) => r.commit },
    { key: 'branch', label: 'branch', value: (r) => r.branch },
    { key: 'event', label: 'event', value: (r) => r.event },
    { key: 'status', label: 'status', value: (r) => r.status },
    { key: 'durationMs', label: 'duration', value: (r) => r.durationMs },
    ...params.map((p) => ({ key: `p:${p}`, label: p, value: (r: RunRow) => r.params[p] ?? null })),
    ...metrics.map((m) => ({
      key: `m:${m}`,
      label: m,
      value: (r: RunRow) => r.metrics[m] ?? null,
    })),
  ];
  function draw(): void {
    const rows = filtered(index.runs);
    const column = columns.find((c) => c.key === state.sort) ?? columns[0]!;
    rows.sort((a, b) => compare(column.value(a), column.value(b)) * (state.descending ? -1 : 1));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const shown = rows.slice(state.page * PAGE, (state.page + 1) * PAGE);
    compareButton.disabled = state.selected.size < 2;
    body.replaceChildren(
      h(
        'table',
        { class: 'runs' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, ''),
            columns.map((c) =>
              h(
                'th',
                {
                  class: `${c.key.startsWith('m:') ? 'metric' : c.key.startsWith('p:') ? 'param' : ''} ${state.sort === c.key ? 'sorted' : ''}`,
                  onclick: () => {
                    state.descending = state.sort === c.key ? !state.descending : true;
                    state.sort = c.key;
                    draw();
                  },
                },
                c.label,
                state.sort === c.key ? (state.descending ? ' ▾' : ' ▴') : '',
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((r) =>
            h(
              'tr',
              { 'data-id': r.id, class: r.status },
              h(
                'td',
                {},
                h('input', {
                  type: 'checkbox',
                  'aria-label': `select ${r.id}`,
                  checked: state.selected.has(r.id),
                  onchange: (e) => {
                    if ((e.target as HTMLInputElement).checked) state.selected.add(r.id);
                    else state.selected.delete(r.id);
                    compareButton.disabled = state.selected.size < 2;
                  },
                }),
              ),
              h(
                'td',
                {},
                h('a', { href: `#/run/${r.id}` }, r.createdAt.replace('T', ' ').slice(0, 19)),
              ),
              h('td', { class: 'mono' }, short(r.commit), r.dirty ? '*' : ''),
              h('td', {}, r.branch ?? '—'),
              h('td', {}, r.event),
              h('td', {}, h('span', { class: `badge ${r.status}` }, r.status)),
              h('td', { class: 'num' }, duration(r.durationMs)),
              params.map((p) => h('td', { class: 'num' }, fmt(r.params[p]))),
              metrics.map((m) => h('td', { class: 'num' }, fmt(r.metrics[m]))),
            ),
          ),
        ),
      ),
    );
    pager.replaceChildren(
      h(
        'button',
        {
          disabled: state.page === 0,
          onclick: () => {
            state.page--;
            draw();
          },
        },
        '‹ newer',
      ),
      h(
        'span',
        { id: 'page-info' },
        `${rows.length} of ${index.runs.length} runs · page ${state.page + 1} of ${pages}`,
      ),
      h(
        'button',
        {
          disabled: state.page >= pages - 1,
          onclick: () => {
            state.page++;
            draw();
          },
        },
        'older ›',
      ),
    );
  }
  draw();
}

function filtered(runs: RunRow[]): RunRow[] {
  const terms = state.search.trim().toLowerCase().split(/\s+/).filter(Boolean).map(term);
  return runs.filter(
    (r) =>
      (!state.branch || r.branch === state.branch) &&
      (!state.event || r.event === state.event) &&
      (!state.status || r.status === state.status) &&
      terms.every((t) => t(r)),
  );
}

/** `name>0.9`, `name<1`, `name=value`, or a word matched against ids, names and values. */
function term(text: string): (r: RunRow) => boolean {
  const match = /^([\w.@:-]+)(>=|<=|>|<|=)(.+)$/.exec(text);
  if (!match) {
    return (r) =>
      r.id.toLowerCase().includes(text) ||
      (r.commit ?? '').startsWith(text) ||
      Object.entries({ ...r.params, ...r.metrics }).some(
        ([k, v]) => k.toLowerCase().includes(text) || String(v).toLowerCase() === text,
      );
  }
  const [, name, op, raw] = match as unknown as [string, string, string, string];
  return (r) => {
    const value = Object.entries({ ...r.params, ...r.metrics }).find(
      ([k]) => k.toLowerCase() === name,
    )?.[1];
    if (value === undefined) return false;
    if (op === '=') return String(value).toLowerCase() === raw;
    const a = Number(value);
    const b = Number(raw);
    return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
  };
}

function compare(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
