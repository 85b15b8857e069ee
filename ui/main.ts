import 'uplot/dist/uPlot.min.css';
import './style.css';
import { compareView } from './compare-view.js';
import { getJson, h } from './dom.js';
import { historyView } from './history-view.js';
import { runView } from './run-view.js';
import { runsView } from './runs-view.js';
import type { FirstPage, RunsIndex } from './types.js';

// Served (`cd4ml ui`) or exported (`--export`): the same pages, reading data/ relative to the page.
const live = document.documentElement.dataset.mode === 'live';
let index: Promise<RunsIndex> | undefined;
const runs = (): Promise<RunsIndex> => (index ??= getJson<RunsIndex>('runs.json'));

/** The runs table's newest page, inlined in the HTML: the table shows before runs.json arrives. */
function inlined(): FirstPage | null {
  const text = document.getElementById('first-page')?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as FirstPage;
  } catch {
    return null;
  }
}
const first = inlined();

/** Resolves once the browser has painted what is on the page. */
const painted = (): Promise<void> =>
  new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

function showRuns(main: HTMLElement): Promise<void> | void {
  // The first page at once on the first visit, then every run, fetched once it is painted.
  if (first && !index) {
    index = painted().then(() => getJson<RunsIndex>('runs.json'));
    return runsView(first.index, main, { total: first.total, runs: index });
  }
  return runs().then((all) => runsView(all, main));
}

async function route(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [view, arg] = path.split('/');
  for (const link of document.querySelectorAll('nav a'))
    link.classList.toggle('active', link.getAttribute('href') === `#/${view ?? ''}`);
  try {
    if (view === 'run' && arg) await runView(decodeURIComponent(arg), main);
    else if (view === 'compare' && arg)
      await compareView(decodeURIComponent(arg).split(','), main, live);
    else if (view === 'history') await historyView(await runs(), main, new URLSearchParams(query));
    else await showRuns(main);
  } catch (error) {
    main.replaceChildren(
      h('p', { class: 'error' }, String(error instanceof Error ? error.message : error)),
      h('p', {}, 'hint: pick a run from ', h('a', { href: '#/' }, 'the runs list'), '.'),
    );
  }
  document.body.dataset.ready = location.hash;
}

window.addEventListener('hashchange', () => void route());
void route();
