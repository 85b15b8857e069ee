// Tiny DOM helpers: every string becomes a text node, so nothing from a record is parsed as HTML.
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
  return element;
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`data/${path}`);
  if (!response.ok) {
    // `cd4ml ui` says why in {error}; a static server's 404 is a page of its own.
    const reason = await response
      .json()
      .then((body: { error?: unknown }) => (typeof body.error === 'string' ? body.error : null))
      .catch(() => null);
    throw new Error(reason ?? `data/${path}: ${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

/** Names in reading order: m2 before m10. */
export const natural = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true });

export function fmt(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
  return String(value);
}

export function delta(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return '—';
  const d = b - a;
  if (d === 0) return '0';
  return `${d > 0 ? '+' : '−'}${fmt(Math.abs(d))}`;
}

export function table(head: string[], rows: Child[][], className = ''): HTMLTableElement {
  // A name–value table (every heading empty) has no header row.
  return h(
    'table',
    { class: className },
    head.some((cell) => cell !== '') &&
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((cell) => h('th', {}, cell)),
        ),
      ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          row.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

export const short = (sha: string | null): string => (sha ? sha.slice(0, 7) : '—');

/** Replaces `root`'s content, leaving out the sections a run does not have (null). */
export function mount(root: HTMLElement, ...children: (Node | string | null)[]): void {
  root.replaceChildren(...children.filter((child): child is Node | string => child !== null));
}
