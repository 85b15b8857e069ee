// History on a branch: two clones of one bare repository push their runs to cd4ml-history,
// racing, and both land; a pull makes `cd4ml history` and `reproduce` see them.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath } from '../../core/runner/fault-testing.js';
import type { RunRecord } from '../../core/run-record/schema.js';
import { saveRun } from '../../core/store/local-store.js';
import { actionlint, formatFindings } from '../../core/testing/actionlint.js';
import { tempProjects } from '../../core/testing/project.js';

const project = tempProjects();
const FIXTURE = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../core/compare/__fixtures__/base.json'), 'utf8'),
) as RunRecord;

function sh(dir: string, command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function git(dir: string, ...args: string[]): string {
  const result = sh(dir, 'git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args]);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}
const cd4ml = (dir: string, ...args: string[]) => sh(dir, process.execPath, [cliPath(), ...args]);

/** A bare "remote" and `n` clones of it, each with one commit. */
function clones(n: number) {
  const p = project();
  git(p.dir, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  const seed = join(p.dir, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '-q', '-b', 'main');
  writeFileSync(join(seed, '.gitignore'), '.cd4ml/\n');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-qm', 'seed');
  git(seed, 'push', '-q', join(p.dir, 'remote.git'), 'main');
  return {
    remote: join(p.dir, 'remote.git'),
    dirs: Array.from({ length: n }, (_, i) => {
      git(p.dir, 'clone', '-q', join(p.dir, 'remote.git'), `clone${i}`);
      return join(p.dir, `clone${i}`);
    }),
  };
}

async function addRuns(
  dir: string,
  prefix: string,
  count: number,
  accuracy = 0.9,
): Promise<string[]> {
  const commit = git(dir, 'rev-parse', 'HEAD');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `20260101-00000${i}-${prefix}`;
    await saveRun(dir, {
      ...FIXTURE,
      id,
      createdAt: `2026-01-01T00:00:0${i}.000Z`,
      git: { ...FIXTURE.git, commit, branch: 'main', dirty: false },
      metrics: { ...FIXTURE.metrics, accuracy: accuracy + i / 100 },
    });
    ids.push(id);
  }
  return ids;
}

const branchFiles = (remote: string): string[] =>
  git(remote, 'ls-tree', '-r', '--name-only', 'cd4ml-history').split('\n').sort();

describe('cd4ml history push / pull', () => {
  it('pushes one compact file per run plus an index, without touching the user tree or index', async () => {
    const { remote, dirs } = clones(1);
    const dir = dirs[0]!;
    const ids = await addRuns(dir, 'aaaaaaaa', 2);
    writeFileSync(join(dir, 'wip.txt'), 'mine\n');
    git(dir, 'add', 'wip.txt');
    const before = git(dir, 'status', '--porcelain=v2', '--branch');
    const pushed = cd4ml(dir, 'history', 'push');
    expect(pushed.stderr).toContain('pushed 2 run(s) to cd4ml-history on origin (2 in all)');
    expect(pushed.code).toBe(0);
    expect(git(dir, 'status', '--porcelain=v2', '--branch')).toBe(before);
    expect(branchFiles(remote)).toEqual([
      'README.md',
      'index.json',
      ...ids.map((id) => `runs/${id}.json`),
    ]);
    const index = JSON.parse(git(remote, 'show', 'cd4ml-history:index.json')) as {
      runs: { id: string }[];
    };
    expect(index.runs.map((run) => run.id)).toEqual(ids);
    const record = JSON.parse(
      git(remote, 'show', `cd4ml-history:runs/${ids[0]}.json`),
    ) as RunRecord;
    expect(record.predictions).toBeNull();
    expect(record.metrics.accuracy).toBe(0.9);
    const again = cd4ml(dir, 'history', 'push');
    expect(again.stderr).toContain('already has all 2 local run(s)');
    expect(git(remote, 'rev-list', '--count', 'cd4ml-history')).toBe('1');
  });

  it('lands both of two racing pushes: the loser fetches, merges and retries', async () => {
    const { remote, dirs } = clones(2);
    const [a, b] = dirs as [string, string];
    const idsA = await addRuns(a, 'aaaaaaaa', 2);
    const idsB = await addRuns(b, 'bbbbbbbb', 3);
    // B's first push is beaten: its pre-push hook lets A push first, once.
    const hook = join(b, '.git', 'hooks', 'pre-push');
    writeFileSync(
      hook,
      `#!/bin/sh\nif [ ! -e "${b}/.raced" ]; then touch "${b}/.raced"; cd "${a}" && "${process.execPath}" "${cliPath()}" history push >/dev/null 2>&1; fi\nexit 0\n`,
    );
    chmodSync(hook, 0o755);
    const pushed = cd4ml(b, 'history', 'push');
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stderr).toContain(
      'pushed 3 run(s) to cd4ml-history on origin (5 in all, after 1 rejected push(es))',
    );
    expect(existsSync(join(b, '.raced'))).toBe(true);
    expect(branchFiles(remote)).toEqual(
      ['README.md', 'index.json', ...[...idsA, ...idsB].map((id) => `runs/${id}.json`)].sort(),
    );
    const index = JSON.parse(git(remote, 'show', 'cd4ml-history:index.json')) as {
      runs: { id: string }[];
    };
    expect(index.runs.map((run) => run.id).sort()).toEqual([...idsA, ...idsB].sort());
  });

  it('lands both pushes started at the same time from two clones', async () => {
    const { remote, dirs } = clones(2);
    const [a, b] = dirs as [string, string];
    const ids = [...(await addRuns(a, 'cccccccc', 3)), ...(await addRuns(b, 'dddddddd', 3))];
    const start = (dir: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [cliPath(), 'history', 'push'], {
          cwd: dir,
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
    expect(await Promise.all([start(a), start(b)])).toEqual([0, 0]);
    expect(branchFiles(remote).filter((file) => file.startsWith('runs/'))).toEqual(
      ids.map((id) => `runs/${id}.json`).sort(),
    );
  });

  it("pull makes history (and reproduce) see the other clone's runs, one per run id", async () => {
    const { dirs } = clones(2);
    const [a, b] = dirs as [string, string];
    const idsA = await addRuns(a, 'eeeeeeee', 2, 0.5);
    await addRuns(b, 'ffffffff', 1, 0.7);
    expect(cd4ml(a, 'history', 'push').code).toBe(0);
    expect(cd4ml(b, 'history', 'push').code).toBe(0);
    const pulled = cd4ml(a, 'history', 'pull');
    expect(pulled.stderr).toContain('fetched 3 run(s) from cd4ml-history on origin');
    const json = JSON.parse(cd4ml(a, 'history', 'accuracy', '--format', 'json').stdout) as {
      runs: { id: string }[];
    };
    expect(json.runs.map((run) => run.id).sort()).toEqual(
      [...idsA, '20260101-000000-ffffffff'].sort(),
    );
    const unknown = cd4ml(a, 'reproduce', '20260101-000000-ffffffff', '--allow-dirty', '--json');
    // Found on the branch: it fails later (that run has no pipeline file at its commit), not as unknown.
    expect(unknown.stderr).not.toContain('unknown run');
  });

  it('refuses a branch with foreign files, and says what to do when there is no git, remote or branch', async () => {
    const { remote, dirs } = clones(1);
    const dir = dirs[0]!;
    const pullNone = cd4ml(dir, 'history', 'pull');
    expect(pullNone.code).toBe(2);
    expect(pullNone.stderr).toMatch(
      /origin has no branch cd4ml-history[\s\S]*hint: push one first/,
    );
    const noRemote = cd4ml(dir, 'history', 'push', '--remote', 'upstream');
    expect(noRemote.code).toBe(2);
    expect(noRemote.stderr).toMatch(/no git remote named "upstream"[\s\S]*hint/);
    const outside = project();
    const noGit = cd4ml(outside.dir, 'history', 'push');
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toMatch(/not in a git repository[\s\S]*hint/);
    // Someone's own branch of that name.
    git(dir, 'checkout', '-q', '-b', 'cd4ml-history');
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    git(dir, 'add', 'notes.md');
    git(dir, 'commit', '-qm', 'not history');
    git(dir, 'push', '-q', 'origin', 'cd4ml-history');
    git(dir, 'checkout', '-q', 'main');
    await addRuns(dir, 'aaaaaaaa', 1);
    for (const verb of ['push', 'pull']) {
      const result = cd4ml(dir, 'history', verb);
      expect(result.code, verb).toBe(2);
      expect(result.stderr).toMatch(
        /branch cd4ml-history holds 1 file\(s\) cd4ml did not write: \.gitignore|notes\.md/,
      );
      expect(result.stderr).toContain('--branch <name>');
    }
    expect(git(remote, 'ls-tree', '--name-only', 'cd4ml-history')).not.toContain('runs');
  });

  it('skips a hostile or mismatched record on the branch and names it', async () => {
    const { dirs } = clones(1);
    const dir = dirs[0]!;
    await addRuns(dir, 'aaaaaaaa', 1);
    expect(cd4ml(dir, 'history', 'push').code).toBe(0);
    // A writer with push access adds a deeply nested record and a record under another id's name.
    git(dir, 'fetch', '-q', 'origin', 'cd4ml-history');
    git(dir, 'checkout', '-q', 'FETCH_HEAD');
    writeFileSync(
      join(dir, 'runs', '20260101-000009-deep.json'),
      `${'['.repeat(100)}${']'.repeat(100)}`,
    );
    writeFileSync(
      join(dir, 'runs', '20260101-000008-other.json'),
      readFileSync(join(dir, 'runs', '20260101-000000-aaaaaaaa.json')),
    );
    git(dir, 'add', '-f', 'runs');
    git(dir, 'commit', '-qm', 'hostile');
    git(dir, 'push', '-q', 'origin', 'HEAD:cd4ml-history');
    git(dir, 'checkout', '-q', 'main');
    const pulled = cd4ml(dir, 'history', 'pull');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toContain('fetched 1 run(s)');
    expect(pulled.stderr).toMatch(
      /skipped cd4ml-history:runs\/20260101-000009-deep\.json: .*nest/i,
    );
    expect(pulled.stderr).toContain(
      'skipped cd4ml-history:runs/20260101-000008-other.json: its id is 20260101-000000-aaaaaaaa',
    );
  });
});

describe('docs/workflows/history.yml', () => {
  it('passes actionlint, writes only in the pipeline job, whose action pushes the run', async () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../docs/workflows/history.yml'),
      'utf8',
    );
    const findings = await actionlint(text, '.github/workflows/history.yml');
    expect(findings, formatFindings(findings)).toEqual([]);
    expect(text).toContain('permissions: { contents: read, actions: read }');
    expect(text.match(/permissions: .*contents: write/g)).toHaveLength(1);
    expect(text).toMatch(/uses: cd4ml\/cd4ml@v1\n\s+with: \{ history-push: true \}/);
    // The token is the action's, never the checkout's: stage commands cannot read it.
    expect(text).toMatch(/pipeline:[\s\S]*?persist-credentials: false/);
    // The Pages job: after the push, the UI exported from the pulled branch, then deployed.
    const pages = text.slice(text.indexOf('\n  pages:'));
    expect(pages).toMatch(/needs: pipeline/);
    expect(pages).toMatch(/permissions: \{ contents: read, pages: write, id-token: write \}/);
    expect(pages).toMatch(/history pull && npx --yes cd4ml@\S+ ui --export site/);
    expect(pages).toMatch(/upload-pages-artifact@v\d+\n\s+with: \{ path: site \}/);
    expect(pages).toContain('uses: actions/deploy-pages@v');
  });
});

describe('docs/workflows/reproduce.yml', () => {
  it('passes actionlint and takes the inputs cd4ml reproduce --on github dispatches', async () => {
    const text = readFileSync(
      join(import.meta.dirname, '../../docs/workflows/reproduce.yml'),
      'utf8',
    );
    const findings = await actionlint(text, '.github/workflows/reproduce.yml');
    expect(findings, formatFindings(findings)).toEqual([]);
    expect(text).toMatch(/inputs:\s+commit:[\s\S]*overrides:/);
    expect(text).toMatch(/ref: ['"]\$\{\{ inputs.commit }}/);
    expect(text).toMatch(/set: ['"]\$\{\{ inputs.overrides }}/);
  });
});
