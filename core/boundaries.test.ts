// The import-boundary lint, run through ESLint's API on small sources placed (virtually)
// under core/ and the adapters: static and dynamic imports alike.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
// The sources exist only in memory, so no type information: the type-aware rules are off.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
]);
const ADAPTERS = ['actions', 'bot', 'cli', 'serving'];
const PAIRS = ADAPTERS.flatMap((from) =>
  ADAPTERS.filter((to) => to !== from).map((to) => [from, to]),
);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    "export const app = await import('fastify');",
    'export const app = await import(`fastify`);',
    "export const core = await import('@actions/core');",
    "export const http = await import('node:http');",
    "export const pc = await import('picocolors');",
    "export const cli = await import('../cli/program.js');",
    "import { Command } from 'commander';\nexport const c = new Command();",
  ])('core/ refuses %s', async (code) => {
    const errors = await boundaryErrors('core/gate/fixture.ts', code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('core/ ');
  });

  it.each([
    "export const zod = await import('zod/mini');",
    "export const fs = await import('node:fs/promises');",
    "export const git = await import('simple-git');",
    "export const report = await import('./report/index.js');",
    "export const octo = await import('@octokitish/x');",
  ])('core/ allows %s', async (code) => {
    expect(await boundaryErrors('core/gate/fixture.ts', code)).toEqual([]);
  });

  it.each([
    ['actions/src/fixture.ts', "export const bot = await import('../../bot/app.js');"],
    ['bot/fixture.ts', "export const cli = await import('../cli/program.js');"],
    ['cli/fixture.ts', "export const serving = await import('../serving/app.js');"],
  ])('%s may not import another adapter dynamically', async (file, code) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toEqual([
      'Adapters never import each other, dynamically either: move shared code into core/.',
    ]);
  });

  it.each(PAIRS)('%s/ may not import %s/ (static or dynamic)', async (from, to) => {
    const file = `${from}/fixture.ts`;
    const staticErrors = await boundaryErrors(
      file,
      `import { x } from '../${to}/x.js';\nexport const y = x;`,
    );
    expect(staticErrors).toHaveLength(1);
    expect(staticErrors[0]).toContain(
      `Adapters never import each other: move shared code from ${to}/ into core/.`,
    );
    expect(await boundaryErrors(file, `export const m = await import('../${to}/x.js');`)).toEqual([
      'Adapters never import each other, dynamically either: move shared code into core/.',
    ]);
  });

  it('an adapter may import core/ and its own folder dynamically', async () => {
    expect(
      await boundaryErrors(
        'cli/fixture.ts',
        "export const a = await import('../core/gate/gate.js');\nexport const b = await import('./commands/compare.js');",
      ),
    ).toEqual([]);
  });

  describe('the shared GitHub layer (github/)', () => {
    it.each([
      [
        'actions/src/fixture.ts',
        "import { fitMarkdown } from '../../github/limits.js';\nexport const f = fitMarkdown;",
      ],
      ['bot/github/fixture.ts', "export const s = await import('../../github/sticky-comment.js');"],
      [
        'github/fixture.ts',
        "import { Cd4mlError } from '../core/errors.js';\nexport const e = Cd4mlError;",
      ],
    ])('%s may use it (or core/)', async (file, code) => {
      expect(await boundaryErrors(file, code)).toEqual([]);
    });

    it.each([
      [
        'cli/fixture.ts',
        "import { fitMarkdown } from '../github/limits.js';\nexport const f = fitMarkdown;",
      ],
      ['serving/fixture.ts', "export const s = await import('../github/limits.js');"],
      [
        'core/gate/fixture.ts',
        "import { fitMarkdown } from '../../github/limits.js';\nexport const f = fitMarkdown;",
      ],
      ['core/gate/fixture.ts', "export const s = await import('../../github/limits.js');"],
    ])('%s may not import it', async (file, code) => {
      const errors = await boundaryErrors(file, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/GitHub layer/);
    });

    it.each([
      "import { app } from '../bot/app.js';\nexport const a = app;",
      "export const a = await import('../actions/src/github.js');",
    ])('github/ imports no adapter: %s', async (code) => {
      const errors = await boundaryErrors('github/fixture.ts', code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/imports only core/);
    });

    it.each([
      "import { x } from '../cli/x.js';\nexport const y = x;",
      "export const m = await import('../serving/app.js');",
      "import { x } from '../ui/dom.js';\nexport const y = x;",
    ])('github/ imports only core/: %s', async (code) => {
      expect(await boundaryErrors('github/fixture.ts', code)).toHaveLength(1);
    });

    it('a package named github is not the layer', async () => {
      expect(
        await boundaryErrors('cli/fixture.ts', "export const g = await import('@actions/github');"),
      ).toEqual([]);
    });
  });

  describe('the runs UI (ui/), a browser bundle', () => {
    it.each([
      "import type { RunRow } from '../core/ui-data/rows.js';\nexport const r: RunRow[] = [];",
      "export type { RunDetail } from '../core/ui-data/detail.js';",
      "import uPlot from 'uplot';\nexport const u = uPlot;",
      "import { el } from './dom.js';\nexport const e = el;",
      "import { formatDuration } from '../core/compare/format.js';\nexport const f = formatDuration;",
    ])('may use %s', async (code) => {
      expect(await boundaryErrors('ui/fixture.ts', code)).toEqual([]);
    });

    it.each([
      [
        "import { runRows } from '../core/ui-data/rows.js';\nexport const r = runRows;",
        /types only/,
      ],
      [
        "import type { Gate } from '../core/gate/gate.js';\nexport type G = Gate;",
        /core\/ui-data\/'s types/,
      ],
      [
        "import { compare } from '../core/compare/compare.js';\nexport const c = compare;",
        /core\/compare\/format\.js/,
      ],
      ["import { readFile } from 'node:fs';\nexport const r = readFile;", /no Node built-ins/],
      ["import { x } from '../cli/program.js';\nexport const y = x;", /no adapter/],
      ["import { x } from '../github/limits.js';\nexport const y = x;", /no adapter, github/],
      ["export const m = await import('../core/ui-data/rows.js');", /only its own files/],
    ])('refuses %s', async (code, message) => {
      const errors = await boundaryErrors('ui/fixture.ts', code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    });

    it.each([
      [
        'core/ui-data/fixture.ts',
        "import type { X } from '../../ui/types.js';\nexport type Y = X;",
      ],
      ['cli/commands/fixture.ts', "export const m = await import('../../ui/main.js');"],
      ['serving/fixture.ts', "import { x } from '../ui/dom.js';\nexport const y = x;"],
    ])('%s may not import it', async (file, code) => {
      const errors = await boundaryErrors(file, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/Nothing imports the runs UI/);
    });
  });
});
