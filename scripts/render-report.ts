/**
 * Renders a cd4ml PR report the way a reviewer sees it: GitHub-flavoured markdown to
 * HTML with GitHub's markdown CSS, alerts and Mermaid, inside a PR-comment frame, then
 * a PNG from headless Chromium.
 *
 *   npx tsx scripts/render-report.ts [--md report.md] [--out docs/img/report.png] [--html out.html] [--open Significance,Candidates]
 *
 * Chromium: /usr/bin/chromium, or the browser that CHROMIUM_PATH names.
 *
 * Without --md it renders the fixture PR of core/compare/__fixtures__ (the README image).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Marked } from 'marked';
import { chromium } from 'playwright-core';
import { compare } from '../core/compare/compare.js';
import { evaluatePolicy } from '../core/policy/evaluate.js';
import { parsePolicy } from '../core/policy/parse.js';
import { parseRunRecord } from '../core/run-record/parse.js';
import { renderReport } from '../core/report/markdown/index.js';
import { parsePredictions } from '../core/stats/prediction-file.js';
import { pairedSignificance } from '../core/stats/predictions.js';

const require = createRequire(import.meta.url);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The README scenario: the fixture PR (better model, p95 latency over budget) against main. */
export async function fixtureMarkdown(): Promise<string> {
  const dir = resolve(dirname(new URL(import.meta.url).pathname), '../core/compare/__fixtures__');
  const read = (name: string): Promise<string> => readFile(`${dir}/${name}`, 'utf8');
  const base = parseRunRecord(await read('base.json'), 'base.json');
  const head = parseRunRecord(await read('head.json'), 'head.json');
  const history = (JSON.parse(await read('history.json')) as unknown[]).map((r, i) =>
    parseRunRecord(JSON.stringify(r), `history[${i}]`),
  );
  const policy = parsePolicy(await read('policy.yml'), 'policy.yml');
  const significance = pairedSignificance(
    parsePredictions(await read('base-predictions.csv'), 'base-predictions.csv'),
    parsePredictions(await read('head-predictions.csv'), 'head-predictions.csv'),
    policy.gate.significance,
  );
  const comparison = compare(base, head, policy, { history, significance });
  return renderReport(
    comparison,
    evaluatePolicy(comparison, policy),
    { artifacts: 'https://github.com/acme/churn-model/actions/runs/9042#artifacts' },
    { chart: policy.report.chart },
  );
}

const OCTICONS: Record<string, string> = {
  note: 'M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6.5 7.75A.75.75 0 0 1 7.25 7h1a.75.75 0 0 1 .75.75v2.75h.25a.75.75 0 0 1 0 1.5h-2a.75.75 0 0 1 0-1.5h.25v-2h-.25a.75.75 0 0 1-.75-.75ZM8 6a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
  warning:
    'M6.457 1.047c.659-1.234 2.427-1.234 3.086 0l6.082 11.378A1.75 1.75 0 0 1 14.082 15H1.918a1.75 1.75 0 0 1-1.543-2.575Zm1.763.707a.25.25 0 0 0-.44 0L1.698 13.132a.25.25 0 0 0 .22.368h12.164a.25.25 0 0 0 .22-.368Zm.53 3.996v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 11a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z',
  caution:
    'M4.47.22A.749.749 0 0 1 5 0h6c.199 0 .389.079.53.22l4.25 4.25c.141.14.22.331.22.53v6a.749.749 0 0 1-.22.53l-4.25 4.25A.749.749 0 0 1 11 16H5a.749.749 0 0 1-.53-.22L.22 11.53A.749.749 0 0 1 0 11V5c0-.199.079-.389.22-.53Zm.84 1.28L1.5 5.31v5.38l3.81 3.81h5.38l3.81-3.81V5.31L10.69 1.5ZM8 4a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 8 4Zm0 8a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z',
};
OCTICONS.tip = OCTICONS.note!;
OCTICONS.important = OCTICONS.note!;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown → the HTML GitHub would produce for a comment (close enough to judge the look). */
export async function markdownToHtml(markdown: string): Promise<string> {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
    },
  });
  let html = await marked.parse(markdown);
  // GitHub alerts: > [!NOTE] … become titled, coloured callouts.
  html = html.replace(
    /<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*\n?([\s\S]*?)<\/blockquote>/g,
    (_m, kind: string, body: string) => {
      const k = kind.toLowerCase();
      const title = kind[0] + kind.slice(1).toLowerCase();
      const icon = `<svg class="octicon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="${OCTICONS[k]}"></path></svg>`;
      return `<div class="markdown-alert markdown-alert-${k}"><p class="markdown-alert-title">${icon}${title}</p><p>${body}</div>`;
    },
  );
  return html;
}

function page(body: string, css: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
${css}
body { margin: 0; background: #ffffff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; }
.frame { display: flex; gap: 16px; padding: 24px 24px 24px 24px; width: 980px; box-sizing: border-box; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: linear-gradient(135deg, #1f883d, #0969da); color: #fff; font: 600 14px/40px -apple-system, "Liberation Sans", sans-serif; text-align: center; }
.comment { flex: 1; min-width: 0; border: 1px solid #d1d9e0; border-radius: 6px; position: relative; }
.comment::before { content: ""; position: absolute; top: 11px; left: -8px; width: 14px; height: 14px; background: #f6f8fa; border-left: 1px solid #d1d9e0; border-bottom: 1px solid #d1d9e0; transform: rotate(45deg); }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; padding: 8px 16px; font-size: 14px; color: #59636e; }
.header b { color: #1f2328; }
.label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; font-weight: 500; margin: 0 4px; }
.markdown-body { padding: 16px; font-size: 14px; }
.markdown-body table { font-size: 13.5px; }
.markdown-body .markdown-alert .octicon { fill: currentColor; margin-right: 8px; vertical-align: text-bottom; }
.markdown-body pre.mermaid { background: #fff; border: 1px solid #d1d9e0; text-align: center; padding: 8px; }
</style></head>
<body><div class="frame"><div class="avatar">cd</div><div class="comment">
<div class="header"><b>cd4ml</b><span class="label">bot</span> commented 2 minutes ago · edited</div>
<div class="markdown-body">${body}</div></div></div></body></html>`;
}

/** Renders `html` in Chromium (Mermaid included) and writes a full-page PNG. */
export async function screenshot(
  html: string,
  out: string,
  open: readonly string[] = [],
): Promise<void> {
  const browser = await chromium.launch({
    // Debian's package path; CHROMIUM_PATH points elsewhere (chromium-browser, Chrome, a snap).
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 980, height: 800 },
      deviceScaleFactor: 2,
    });
    const tab = await context.newPage();
    await tab.setContent(html, { waitUntil: 'load' });
    await tab.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await tab.evaluate(async (sections) => {
      const { mermaid } = globalThis as unknown as {
        mermaid: { initialize(c: object): void; run(o: object): Promise<void> };
      };
      mermaid.initialize({
        startOnLoad: false,
        theme: 'default',
        fontFamily: 'Liberation Sans, Arial, sans-serif',
      });
      await mermaid.run({ querySelector: 'pre.mermaid' });
      interface DetailsElement {
        open: boolean;
        querySelector(selector: string): { textContent: string | null } | null;
      }
      const { document } = globalThis as unknown as {
        document: { querySelectorAll(selector: string): Iterable<DetailsElement> };
      };
      for (const details of document.querySelectorAll('details')) {
        const summary = details.querySelector('summary')?.textContent ?? '';
        if (sections.some((s) => summary.startsWith(s))) details.open = true;
      }
    }, open);
    await tab.locator('.frame').screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      md: { type: 'string' },
      out: { type: 'string', default: 'docs/img/report.png' },
      html: { type: 'string' },
      open: { type: 'string', default: '' },
    },
  });
  const markdown = values.md ? await readFile(values.md, 'utf8') : await fixtureMarkdown();
  const css = await readFile(
    require.resolve('github-markdown-css/github-markdown-light.css'),
    'utf8',
  );
  const html = page(await markdownToHtml(markdown), css);
  if (values.html) await writeFile(values.html, html);
  const open = values.open
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  await screenshot(html, values.out, open);
  process.stdout.write(
    `wrote ${values.out} (${markdown.length.toLocaleString('en-US')} characters of markdown)\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname))
  await main();
