import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Cd4mlError } from '../../core/errors.js';

/**
 * `cd4ml shadow report --from <url | file>`: the live-traffic section of the PR report from a
 * server started with `cd4ml serve --shadow` (its /shadow endpoint) or a saved copy of it.
 * `--json <file>` keeps the summary for the compare action (`shadow-summary` input).
 */
async function readSummary(from: string, model: string | undefined): Promise<unknown> {
  if (/^https?:\/\//.test(from)) {
    const url = new URL(from);
    if (url.pathname === '/' || url.pathname === '')
      url.pathname = model === undefined ? '/shadow' : `/shadow/${encodeURIComponent(model)}`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new Cd4mlError('E_IO', `could not reach ${url.href}: ${(err as Error).message}`, {
        hint: 'is the server running? start it with cd4ml serve --shadow <model>:<version>',
      });
    }
    if (res.status === 404 || res.status === 400)
      throw new Cd4mlError(
        'E_USAGE',
        `${url.href} has no shadow summary (${res.status}): ${await serverError(res)}`,
        {
          hint: 'start the server with --shadow <model>:<version> or give the model a shadow: entry in its config.yaml; with several shadowed models, pass --model <name>',
        },
      );
    if (!res.ok) throw new Cd4mlError('E_IO', `${url.href} answered ${res.status}`);
    return res.json();
  }
  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (err) {
    throw new Cd4mlError('E_IO', `cannot read ${from}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Cd4mlError('E_IO', `${from} is not JSON: ${(err as Error).message}`);
  }
}

async function serverError(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as { error?: unknown };
    if (typeof error === 'string') return error.slice(0, 300);
  } catch {
    // not JSON: the text as it is
  }
  return text.slice(0, 300);
}

export function registerShadow(program: Command): void {
  const shadow = program.command('shadow').description('Shadow traffic from cd4ml serve --shadow');
  shadow
    .command('report')
    .description('Write the live-traffic report section (markdown) from a shadowing server')
    .requiredOption(
      '--from <url|file>',
      'the server (http://host:port, reads /shadow) or a saved /shadow JSON',
    )
    .option('--model <name>', 'the shadowed model to report on, when the server shadows several')
    .option('-o, --out <file>', 'write the markdown here instead of stdout')
    .option('--json <file>', 'also save the summary as JSON (for the compare action)')
    .action(async (flags: { from: string; model?: string; out?: string; json?: string }) => {
      const { parseShadowSummary } = await import('../../core/shadow/summary.js');
      const { renderShadowSection } = await import('../../core/report/markdown/shadow.js');
      const summary = parseShadowSummary(await readSummary(flags.from, flags.model), flags.from);
      const markdown = renderShadowSection(summary);
      if (flags.json) await writeFile(flags.json, `${JSON.stringify(summary, null, 2)}\n`);
      if (flags.out) await writeFile(flags.out, markdown);
      else process.stdout.write(markdown);
    });
}
