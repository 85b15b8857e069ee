import { fmt, h, short } from './dom.js';
import { formatDuration } from '../core/compare/format.js';
import type { RunRow, RunsIndex } from './types.js';

/** Rows a page: as many as the first page the server inlines (core/ui-data/rows.ts PAGE_SIZE). */
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

interface Column {
  key: string;
  label: string;
  value: (r: RunRow) => string | number | boolean | null;
}

/** What the table draws from: every run, or the page's first rows while the rest load. */
interface View {
  index: RunsIndex;
  /** Runs in all; more than `index.runs` while `runs.json` is on its way. */
  total: number;
  columns: Column[];
  compareButton: HTMLButtonElement;
  body: HTMLElement;
  pager: HTMLElement;
}

/**
 * The runs table: newest first, sortable by any column, filtered, paginated. Drawn at once
 * from `index` (the page's inlined first page, or every run); `rest`, when given, brings
 * every run and the table is drawn again from it, with whatever the user chose meanwhile.
 */
export function runsView(
  index: RunsIndex,
  root: HTMLElement,
  rest?: { total: number; runs: Promise<RunsIndex> },
): void {
  const view: View = {
    index,
    total: rest?.total ?? index.runs.length,
    columns: columnsOf(index),
    compareButton: h('button', { id: 'compare', onclick: compareSelected }, 'Compare selected'),
    body: h('div', { class: 'table-wrap' }),
    pager: h('div', { class: 'pager' }),
  };
  const draw = () => drawTable(view, draw);
  root.replaceChildren(toolbar(index, view.compareButton, draw), view.body, view.pager);
  draw();
  void rest?.runs.then((all) => {
    if (!view.body.isConnected) return;
    Object.assign(view, { index: all, total: all.runs.length, columns: columnsOf(all) });
    draw();
  });
}

function compareSelected(): void {
  location.hash = `#/compare/${[...state.selected].join(',')}`;
}

function toolbar(index: RunsIndex, compareButton: HTMLElement, draw: () => void): HTMLElement {
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
  return h(
    'div',
    { class: 'toolbar' },
    filterSelect('branch', index.branches, draw),
    filterSelect('event', index.events, draw),
    filterSelect('status', ['success', 'failed'], draw),
    search,
    compareButton,
  );
}

function filterSelect(
  name: 'branch' | 'event' | 'status',
  options: string[],
  draw: () => void,
): HTMLSelectElement {
  return h(
    'select',
    {
      'aria-label': name,
      id: `filter-${name}`,
      onchange: (e) => {
        state[name] = (e.target as HTMLSelectElement).value;
        state.page = 0;
        draw();
      },
    },
    h('option', { value: '' }, `${name}: all`),
    options.map((o) => h('option', { value: o, selected: state[name] === o }, o)),
  );
}

function columnsOf(index: RunsIndex): Column[] {
  return [
    { key: 'createdAt', label: 'created', value: (r) => r.createdAt },
    { key: 'commit', label: 'commit', value: (r) => r.commit },
    { key: 'branch', label: 'branch', value: (r) => r.branch },
    { key: 'event', label: 'event', value: (r) => r.event },
    { key: 'status', label: 'status', value: (r) => r.status },
    { key: 'durationMs', label: 'duration', value: (r) => r.durationMs },
    ...index.params.map((p) => ({
      key: `p:${p}`,
      label: p,
      value: (r: RunRow) => r.params[p] ?? null,
    })),
    ...index.metrics.map((m) => ({
      key: `m:${m}`,
      label: m,
      value: (r: RunRow) => r.metrics[m] ?? null,
    })),
  ];
}

/** The table and the pager for the current filters, sort and page. */
function drawTable(view: View, draw: () => void): void {
  const rows = filtered(view.index.runs);
  const column = view.columns.find((c) => c.key === state.sort) ?? view.columns[0]!;
  rows.sort((a, b) => compare(column.value(a), column.value(b)) * (state.descending ? -1 : 1));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  state.page = Math.min(state.page, pages - 1);
  const shown = rows.slice(state.page * PAGE, (state.page + 1) * PAGE);
  view.compareButton.disabled = state.selected.size < 2;
  view.body.replaceChildren(
    h(
      'table',
      { class: 'runs' },
      h('thead', {}, headerRow(view.columns, draw)),
      h(
        'tbody',
        {},
        shown.map((r) => runLine(r, view)),
      ),
    ),
  );
  const complete = view.index.runs.length === view.total;
  view.pager.replaceChildren(
    pageButton('‹ newer', state.page === 0, -1, draw),
    h(
      'span',
      { id: 'page-info' },
      complete
        ? `${rows.length} of ${view.total} runs · page ${state.page + 1} of ${pages}`
        : `newest ${shown.length} of ${view.total} runs · loading the rest…`,
    ),
    pageButton('older ›', !complete || state.page >= pages - 1, 1, draw),
  );
}

function pageButton(label: string, disabled: boolean, step: number, draw: () => void) {
  const onclick = () => {
    state.page += step;
    draw();
  };
  return h('button', { disabled, onclick }, label);
}

function headerRow(columns: Column[], draw: () => void): HTMLTableRowElement {
  const kind = (key: string) =>
    key.startsWith('m:') ? 'metric' : key.startsWith('p:') ? 'param' : '';
  return h(
    'tr',
    {},
    h('th', {}, ''),
    columns.map((c) =>
      h(
        'th',
        {
          class: `${kind(c.key)} ${state.sort === c.key ? 'sorted' : ''}`,
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
  );
}

function runLine(r: RunRow, view: View): HTMLTableRowElement {
  const select = h('input', {
    type: 'checkbox',
    'aria-label': `select ${r.id}`,
    checked: state.selected.has(r.id),
    onchange: (e) => {
      if ((e.target as HTMLInputElement).checked) state.selected.add(r.id);
      else state.selected.delete(r.id);
      view.compareButton.disabled = state.selected.size < 2;
    },
  });
  return h(
    'tr',
    { 'data-id': r.id, class: r.status },
    h('td', {}, select),
    h('td', {}, h('a', { href: `#/run/${r.id}` }, r.createdAt.replace('T', ' ').slice(0, 19))),
    h('td', { class: 'mono' }, short(r.commit), r.dirty ? '*' : ''),
    h('td', {}, r.branch ?? '—'),
    h('td', {}, r.event),
    h('td', {}, h('span', { class: `badge ${r.status}` }, r.status)),
    h('td', { class: 'num' }, formatDuration(r.durationMs)),
    view.index.params.map((p) => h('td', { class: 'num' }, fmt(r.params[p]))),
    view.index.metrics.map((m) => h('td', { class: 'num' }, fmt(r.metrics[m]))),
  );
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
