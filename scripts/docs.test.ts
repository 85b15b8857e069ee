// docs/ is run, not just read: every curl on the serving page is sent to a real
// `cd4ml serve` of the Iris fixture and gets the answer the page prints under it, and every
// `cd4ml …` command shown anywhere in docs/ names a real command with flags it has.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempProjects } from '../core/testing/project.js';
import { curlExamples, fencedBlocks, freePort, shellCommands, waitForLine } from './doc-blocks.js';

const REPO = resolve(import.meta.dirname, '..');
const CLI = join(REPO, 'bin', 'cd4ml.js');
const DOCS = join(REPO, 'docs');

function doc(name: string): string {
  return readFileSync(join(DOCS, name), 'utf8');
}

describe('docs/serving.md', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('every curl answers, and as the page prints under it', { timeout: 60_000 }, async () => {
    const examples = fencedBlocks(doc('serving.md'))
      .filter((block) => block.lang === 'sh')
      .flatMap((block) => curlExamples(block.body, block.line));
    // One per route the page shows: a curl dropped from the page must be dropped here too.
    // Paths only: a line added above a curl moves it without changing what the page shows.
    expect(examples.map((example) => example.path)).toEqual([
      '/v1/models/iris',
      '/v1/models/iris/versions/1/metadata',
      '/v1/models/iris:predict',
      '/v1/models/iris:predict',
      '/v2/health/ready',
      '/v2/models/iris',
      '/v2/models/iris/infer',
      '/invocations',
      '/invocations',
    ]);
    expect(examples.filter((example) => example.expected).length).toBe(6);

    // "All examples use the Iris logistic regression in serving/__fixtures__/iris-v1.onnx",
    // as model iris, version 1.
    const port = await freePort();
    server = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        join(REPO, 'serving/__fixtures__/iris-v1.onnx'),
        '--model-name',
        'iris',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--workers',
        '1',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await waitForLine(server, /now serving/);

    for (const example of examples) {
      const where = `docs/serving.md:${example.line}: ${example.command}`;
      // --fail-with-body: a 4xx/5xx answer fails the command instead of passing as output.
      const command = example.command
        .replace(/^curl /, 'curl -sS --fail-with-body ')
        .replaceAll(/localhost:\d+/g, `127.0.0.1:${port}`);
      let answer: string;
      try {
        answer = execFileSync('sh', ['-c', command], { encoding: 'utf8' });
      } catch (error) {
        throw new Error(`${where}\nfailed: ${String((error as { stdout?: string }).stdout)}`, {
          cause: error,
        });
      }
      const body: unknown = JSON.parse(answer);
      if (example.expected) expect(body, where).toEqual(JSON.parse(example.expected));
      else if (/^\w+(, \w+)*$/.test(example.comment))
        // `# name, versions, platform, inputs, outputs`: the fields the answer has.
        for (const field of example.comment.split(', '))
          expect(answer, `${where}: field '${field}'`).toContain(`"${field}":`);
      else throw new Error(`${where}: the page says neither the answer nor its fields`);
    }
  });
});

interface HelpInfo {
  flags: Set<string>;
  commands: Set<string>;
}

const helps = new Map<string, HelpInfo>();

/** The flags and subcommands `cd4ml <words> --help` lists. */
function help(words: string[]): HelpInfo {
  const key = words.join(' ');
  let info = helps.get(key);
  if (info) return info;
  const text = execFileSync(process.execPath, [CLI, ...words, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' },
  });
  info = { flags: new Set(), commands: new Set() };
  let section = '';
  for (const line of text.split('\n')) {
    const heading = /^(\w+):/.exec(line);
    if (heading) section = heading[1]!;
    else if (section === 'Options' && /^ {2}-/.test(line))
      for (const flag of line
        .trim()
        .split(/\s{2,}/)[0]!
        .matchAll(/--?[A-Za-z][\w-]*/g))
        info.flags.add(flag[0]);
    else if (section === 'Commands' && /^ {2}\S/.test(line))
      info.commands.add(line.trim().split(/\s/)[0]!);
  }
  helps.set(key, info);
  return info;
}

interface DocCommand {
  where: string;
  text: string;
}

/** `cd4ml …` in docs/*.md: commands of fenced blocks, and inline code spans that are one. */
function docCommands(): DocCommand[] {
  const found: DocCommand[] = [];
  const files = readdirSync(DOCS).filter((name) => name.endsWith('.md'));
  for (const file of files) {
    const markdown = doc(file);
    for (const block of fencedBlocks(markdown)) {
      if (!['', 'sh', 'bash', 'shell', 'console'].includes(block.lang)) continue;
      for (const command of shellCommands(block.body, block.line)) {
        const text = command.text.replace(/^\$ /, '').replace(/^(\w+=\S*\s+)+/, '');
        if (/^(npx )?cd4ml\s/.test(text))
          found.push({ where: `docs/${file}:${command.line}`, text: text.split('\n')[0]! });
      }
    }
    markdown.split('\n').forEach((line, index) => {
      for (const span of line.matchAll(/`((?:npx )?cd4ml (?:-|[a-z])[^`]*)`/g))
        found.push({ where: `docs/${file}:${index + 1}`, text: span[1]! });
    });
  }
  return found;
}

/** What is wrong with one documented `cd4ml …` command, or undefined. */
function problem(text: string): string | undefined {
  const words = text.replace(/^npx /, '').split(/\s+/).slice(1);
  const path: string[] = [];
  for (const word of words) {
    if (word.startsWith('-') || word.startsWith('[')) break;
    const { commands } = help(path);
    if (commands.has(word)) path.push(word);
    else if (path.length === 0)
      return `'${word}' is not a cd4ml command (${[...commands].join(', ')})`;
    else break;
  }
  const { flags } = help(path);
  // Flags: -x or --xyz at a word start, after `[` or between alternatives (`-n|--limit`).
  for (const flag of text.matchAll(/(?:^|[\s[|])(--?[A-Za-z][\w-]*)/g)) {
    if (!flags.has(flag[1]!))
      return `cd4ml ${path.join(' ')} has no flag ${flag[1]} (it has ${[...flags].join(', ')})`;
  }
  return undefined;
}

describe('docs/: cd4ml commands', () => {
  const commands = docCommands();

  it('finds the commands of the pages that show them', () => {
    const files = new Set(commands.map((command) => command.where.replace(/:\d+$/, '')));
    for (const page of ['compare', 'pipelines', 'scale-out', 'run-artifact', 'serving'])
      expect(files).toContain(`docs/${page}.md`);
    expect(commands.length).toBeGreaterThan(40);
  });

  it('each names a real command with flags it has', { timeout: 60_000 }, () => {
    const problems = commands.flatMap(({ where, text }) => {
      const found = problem(text);
      return found ? [`${where}: \`${text}\`: ${found}`] : [];
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the checker catches a wrong command and a wrong flag', () => {
    expect(problem('cd4ml serv model.onnx')).toMatch(/'serv' is not a cd4ml command/);
    expect(problem('cd4ml history -n 2 --fromat json')).toMatch(/has no flag --fromat/);
    expect(problem('cd4ml workflow assemble')).toBeUndefined();
  });
});

describe('docs/: cd4ml commands run on the Iris example', () => {
  const project = tempProjects();

  it(
    'as the pages show them, in a git repository made from examples/iris',
    { timeout: 120_000 },
    () => {
      const { dir } = project();
      cpSync(join(REPO, 'examples/iris'), dir, {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|\.cd4ml|scale-out)$/.test(src),
      });
      symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
      // `cd4ml` on PATH is this checkout's CLI, so the pages' commands run as written.
      mkdirSync(join(dir, '.bin'));
      writeFileSync(
        join(dir, '.bin', 'cd4ml'),
        `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`,
        {
          mode: 0o755,
        },
      );
      writeFileSync(join(dir, '.gitignore'), '.bin/\nnode_modules\n.cd4ml/\n');
      const env = {
        ...process.env,
        PATH: `${join(dir, '.bin')}:${process.env.PATH}`,
        NO_COLOR: '1',
        CI: 'true',
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      };
      const sh = (command: string): string =>
        execFileSync('sh', ['-c', command], {
          cwd: dir,
          env,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      sh('git init -q -b main && git add . && git commit -qm iris');

      const shown = docCommands();
      const run = (file: string, text: string): string => {
        const where = shown.find(
          (command) => command.where.startsWith(`docs/${file}:`) && command.text === text,
        );
        expect(where, `docs/${file} shows \`${text}\``).toBeDefined();
        return sh(text);
      };
      run('pipelines.md', 'cd4ml run');
      expect(run('pipelines.md', 'cd4ml status')).toMatch(/up to date/i);
      // scale-out.md's two blocks, every line as written.
      for (const block of fencedBlocks(doc('scale-out.md')).filter((b) => b.lang === 'sh'))
        for (const command of shellCommands(block.body, block.line)) sh(command.text);
      run('actions.md', 'cd4ml record --dir .cd4ml/artifact/run');
      for (const file of ['cd4ml-run.json', 'cd4ml-artifact.json'])
        expect(existsSync(join(dir, '.cd4ml/artifact/run', file)), file).toBe(true);
      const history = JSON.parse(sh('cd4ml history accuracy f1 -n 2 --format json')) as {
        schema: string;
        metrics: string[];
        runs: Record<string, unknown>[];
      };
      const printed = /\$ (cd4ml history .*)\n([\s\S]*?)\n```/.exec(doc('compare.md'))!;
      expect(printed[1]).toBe('cd4ml history accuracy f1 -n 2 --format json');
      const expected = JSON.parse(printed[2]!) as typeof history;
      expect(history.schema).toBe(expected.schema);
      expect(history.metrics).toEqual(expected.metrics);
      expect(Object.keys(history.runs[0]!).sort()).toEqual(Object.keys(expected.runs[0]!).sort());
      run('pipelines.md', 'cd4ml gc');
      run('pipelines.md', 'cd4ml run train');
      run('pipelines.md', 'cd4ml run --single train');
      run('benchmarks.md', 'cd4ml run --jobs 2');
      expect(run('benchmarks.md', 'cd4ml dag')).toMatch(/^select\s+<- /m);
      expect(run('benchmarks.md', 'cd4ml workflow --out -')).toMatch(
        /^# generated by cd4ml workflow/,
      );
      expect(run('benchmarks.md', 'cd4ml --version').trim()).toMatch(/^\d+\.\d+\.\d+/);
      // A branch that changes a parameter, compared with main as compare.md describes.
      sh('git checkout -qb exp');
      const params = readFileSync(join(dir, 'params.yaml'), 'utf8');
      writeFileSync(
        join(dir, 'params.yaml'),
        params.replace('tanh, epochs: 300', 'tanh, epochs: 200'),
      );
      sh('git commit -qam exp && cd4ml run');
      expect(run('compare.md', 'cd4ml compare')).toMatch(/candidates\.mlp\.epochs: 300 → 200/);
      expect(run('actions.md', 'cd4ml compare --format md')).toMatch(/^<!-- cd4ml:report -->/);
    },
  );
});
