#!/usr/bin/env tsx
/**
 * The shape of the production code, measured with the TypeScript compiler: files over the
 * line budget and functions over theirs. Production is every tracked source file in a
 * top-level folder except the tools (`scripts/`, `bench/`), the user-side `examples/`, the
 * built `dist/`, tests and test helpers — so a new folder (as `github/` was) is counted
 * without editing a list.
 *
 *   npx tsx scripts/code-shape.ts [--json] [--check] [--root DIR]
 *
 * `--check` (run by `npm run check` and `.ci/run`) exits 1 when a file or a function is over
 * its budget, naming each as `file:line`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';

const FILE_LINES = 300;
const FUNCTION_LINES = 80;

interface Shape {
  files: number;
  lines: number;
  bigFiles: { file: string; lines: number }[];
  functions: number;
  longFunctions: { file: string; line: number; name: string; lines: number }[];
}

function productionFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '*.ts', '*.mts', '*.js', '*.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter(Boolean)
    .filter((f) => f.includes('/') && !/^(scripts|bench|examples|dist|node_modules)\//.test(f))
    .filter((f) => !/\.test\.ts$|(^|\/)testing(\/|\.ts$)|__fixtures__|\.d\.ts$/.test(f));
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name)
    return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText(source);
  return '(anonymous)';
}

export function measure(root: string): Shape {
  const shape: Shape = { files: 0, lines: 0, bigFiles: [], functions: 0, longFunctions: [] };
  for (const file of productionFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    shape.files += 1;
    shape.lines += lines;
    if (lines > FILE_LINES) shape.bigFiles.push({ file, lines });
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isFunctionDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isArrowFunction(node) ||
        ts.isFunctionExpression(node)
      ) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        shape.functions += 1;
        if (end - start + 1 > FUNCTION_LINES)
          shape.longFunctions.push({
            file,
            line: start + 1,
            name: nameOf(node, source),
            lines: end - start + 1,
          });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  shape.bigFiles.sort((a, b) => b.lines - a.lines);
  shape.longFunctions.sort((a, b) => b.lines - a.lines);
  return shape;
}

/** What `--check` prints: one `file:line` line for each file or function over its budget. */
export function overBudget(shape: Shape): string[] {
  return [
    ...shape.bigFiles.map(
      (f) => `${f.file}:1: ${f.lines} lines, over the ${FILE_LINES}-line budget of a file`,
    ),
    ...shape.longFunctions.map(
      (f) =>
        `${f.file}:${f.line}: ${f.name} is ${f.lines} lines, over the ${FUNCTION_LINES}-line budget of a function`,
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? (args[rootAt + 1] ?? '.') : process.cwd();
  const shape = measure(root);
  if (args.includes('--check')) {
    const over = overBudget(shape);
    if (over.length > 0) {
      process.stderr.write(
        `${over.join('\n')}\ncode-shape: split these by job (docs/architecture.md, budgets)\n`,
      );
      process.exitCode = 1;
    } else process.stdout.write(`code-shape: ${shape.files} production files within budget\n`);
  } else if (args.includes('--json')) process.stdout.write(`${JSON.stringify(shape, null, 2)}\n`);
  else {
    const where = relative(process.cwd(), root) || '.';
    process.stdout.write(
      `${where}: ${shape.files} production files, ${shape.lines} lines, ${shape.functions} functions\n` +
        `files over ${FILE_LINES} lines: ${shape.bigFiles.length}\n` +
        shape.bigFiles.map((f) => `  ${f.lines}\t${f.file}\n`).join('') +
        `functions over ${FUNCTION_LINES} lines: ${shape.longFunctions.length}\n` +
        shape.longFunctions.map((f) => `  ${f.lines}\t${f.file}:${f.line} ${f.name}\n`).join(''),
    );
  }
}
