// GitHub's rules that every workflow and action file we ship must follow (issue 16, item
// 5), checked over all of them: our actions, this repository's and the docs' workflows,
// the examples' workflows and a compiled workflow (the compiler's snapshot).
// - upload-artifact v4 skips any file or folder whose name starts with `.` unless
//   `include-hidden-files` is set (@actions/glob prunes by basename, the path given included);
// - a multi-line GITHUB_OUTPUT / GITHUB_ENV value ends at its delimiter: a fixed one
//   (`name<<EOF`) can be ended early, or forge another output, by content holding it;
// - GHCR needs `packages: write` to push, and lowercase image names.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const ymlsIn = (dir: string): string[] =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.yml'))
        .map((f) => `${dir}/${f}`)
    : [];
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => `examples/${e.name}`);

const ACTIONS = [
  'action.yml',
  'actions/compare/action.yml',
  'actions/release/action.yml',
  'bot/action.yml',
];
const WORKFLOWS = [
  ...ymlsIn('.github/workflows'),
  ...ymlsIn('docs/workflows'),
  ...examples.flatMap((e) => [...ymlsIn(`${e}/.github/workflows`), ...ymlsIn(`${e}/scale-out`)]),
  ...ymlsIn('core/workflow/__snapshots__'),
];
const SCRIPTS = readdirSync(join(root, 'actions/release'))
  .filter((f) => f.endsWith('.sh'))
  .map((f) => `actions/release/${f}`);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
type Permissions = Record<string, string> | string | undefined;
type Matrix = Array<Record<string, unknown>>;
interface Workflow {
  permissions?: Permissions;
  jobs: Record<
    string,
    { permissions?: Permissions; steps?: Step[]; strategy?: { matrix?: { include?: Matrix } } }
  >;
}

const read = (file: string) => readFileSync(join(root, file), 'utf8');
/** Each step with its job's matrix legs (`include`), whose values its expressions may name. */
function stepsOf(file: string): Array<{ step: Step; legs: Matrix }> {
  const doc = parse(read(file)) as Workflow & { runs?: { steps?: Step[] } };
  if (doc.runs) return (doc.runs.steps ?? []).map((step) => ({ step, legs: [] }));
  return Object.values(doc.jobs).flatMap((job) =>
    (job.steps ?? []).map((step) => ({ step, legs: job.strategy?.matrix?.include ?? [] })),
  );
}

/** `path` with `${{ matrix.x }}` replaced by each leg's value; other expressions stay. */
function expand(path: string, legs: Matrix): string[] {
  if (!/\$\{\{\s*matrix\./.test(path)) return [path];
  return legs.map((leg) =>
    path.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => String(leg[key])),
  );
}

/** What is wrong with an upload-artifact step under v4's hidden-file rule; null when nothing. */
function hiddenFileProblem(step: Step, legs: Matrix = []): string | null {
  if (!step.uses?.startsWith('actions/upload-artifact@')) return null;
  if (String(step.with?.['include-hidden-files']) === 'true') return null;
  const paths = String(step.with?.path ?? '')
    .split('\n')
    .map((p) => p.trim().replace(/^!/, ''))
    .filter((p) => p !== '')
    .flatMap((p) => expand(p, legs));
  for (const path of paths) {
    if (path.includes('${{'))
      return `path ${path} is an expression, which may name a dot-directory: set include-hidden-files: true`;
    const hidden = path.split('/').find((s) => s.startsWith('.') && s !== '.' && s !== '..');
    if (hidden)
      return `path ${path} is under ${hidden}, which upload-artifact v4 skips: set include-hidden-files: true`;
  }
  return null;
}

/** Fixed heredoc delimiters (`name<<EOF`) in a script that writes GITHUB_OUTPUT or GITHUB_ENV. */
function fixedDelimiters(script: string): string[] {
  if (!/GITHUB_(OUTPUT|ENV)/.test(script)) return [];
  return [...script.matchAll(/[A-Za-z0-9_-]+<<\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].map(
    (m) => m[0],
  );
}

function grants(workflow: Workflow, scope: string): boolean {
  const has = (p: Permissions) =>
    p === 'write-all' || (typeof p === 'object' && p[scope] === 'write');
  return has(workflow.permissions) || Object.values(workflow.jobs).some((j) => has(j.permissions));
}

describe('the rules themselves', () => {
  it('flag a dot-directory or an expression path without include-hidden-files, and only then', () => {
    const upload = (path: string, hidden?: boolean): Step => ({
      uses: 'actions/upload-artifact@v4',
      with: { path, ...(hidden === undefined ? {} : { 'include-hidden-files': hidden }) },
    });
    expect(hiddenFileProblem(upload('.cd4ml/artifact/run'))).toMatch(/under \.cd4ml/);
    expect(hiddenFileProblem(upload('a.json\ndata/.cache/x'))).toMatch(/under \.cache/);
    expect(hiddenFileProblem(upload('${{ steps.x.outputs.dir }}'))).toMatch(/expression/);
    const legs = [{ artifact: 'cd4ml-stage-a' }, { artifact: '.cd4ml/b' }];
    expect(hiddenFileProblem(upload('${{ matrix.artifact }}.json'), legs)).toMatch(/under \.cd4ml/);
    expect(hiddenFileProblem(upload('${{ matrix.artifact }}.json'), legs.slice(0, 1))).toBeNull();
    expect(hiddenFileProblem(upload('.cd4ml/artifact/run', true))).toBeNull();
    expect(hiddenFileProblem(upload('./out/model.onnx\n../x.json'))).toBeNull();
    expect(hiddenFileProblem({ uses: 'actions/cache@v4', with: { path: '.cache' } })).toBeNull();
  });

  it('flag a fixed delimiter in a script writing GITHUB_OUTPUT, not a random one or a here-string', () => {
    expect(fixedDelimiters('{ echo "tags<<EOF"; cat t; echo EOF; } >> "$GITHUB_OUTPUT"')).toEqual([
      'tags<<EOF',
    ]);
    expect(fixedDelimiters(`echo "notes<<'END'" >> $GITHUB_ENV`)).toEqual([`notes<<'END'`]);
    expect(
      fixedDelimiters('d="ghadelimiter_$(uuidgen)"; echo "tags<<$d" >> "$GITHUB_OUTPUT"'),
    ).toEqual([]);
    expect(fixedDelimiters('paste -sd, <<<"$t"; echo "k=v" >> "$GITHUB_OUTPUT"')).toEqual([]);
    expect(fixedDelimiters('cat <<EOF\nno outputs here\nEOF')).toEqual([]);
  });
});

describe.each([...ACTIONS, ...WORKFLOWS])('%s', (file) => {
  it('uploads nothing under a dot-directory unless include-hidden-files is set', () => {
    const problems = stepsOf(file)
      .map(({ step, legs }) => hiddenFileProblem(step, legs))
      .filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('writes multi-line GITHUB_OUTPUT / GITHUB_ENV values with random delimiters only', () => {
    const fixed = stepsOf(file).flatMap(({ step }) => (step.run ? fixedDelimiters(step.run) : []));
    expect(fixed).toEqual([]);
  });
});

describe('scripts our actions run', () => {
  it.each(SCRIPTS)('%s writes GITHUB_OUTPUT with random delimiters only', (file) => {
    expect(fixedDelimiters(read(file))).toEqual([]);
  });

  it('finds the files it checks', () => {
    expect(WORKFLOWS.length).toBeGreaterThan(10);
    expect(SCRIPTS).toContain('actions/release/image.sh');
    expect(WORKFLOWS.some((f) => f.includes('scale-out'))).toBe(true);
  });
});

describe('GHCR', () => {
  const pushing = WORKFLOWS.filter((f) =>
    /cd4ml\/cd4ml\/actions\/release@|ghcr\.io\//.test(read(f)),
  );

  it.each(pushing)('%s grants packages: write, which GHCR needs to push', (file) => {
    expect(grants(parse(read(file)) as Workflow, 'packages')).toBe(true);
  });

  it('finds the workflows that push images', () => {
    expect(pushing.map((f) => relative(root, join(root, f)))).toEqual(
      expect.arrayContaining(['.github/workflows/release.yml', 'docs/workflows/release.yml']),
    );
  });

  it.each(pushing)('%s names ghcr.io images in lowercase or lowercases them', (file) => {
    for (const [image] of read(file).matchAll(/ghcr\.io\/[^\s"'`]+/g)) {
      const literal = image.replace(/\$\{[^}]*,,\}/g, '').replace(/\$\{\{[^}]*\}\}/g, '');
      expect(literal, `${file}: ${image}`).toBe(literal.toLowerCase());
    }
  });
});
