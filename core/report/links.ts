import type { Comparison } from '../compare/types.js';
import { safeUrl } from './escape.js';

/** Where the report points a reviewer. Every URL is checked by `safeUrl` before it is linked. */
export interface ReportLinks {
  /** The workflow run that produced the head record. */
  run?: string;
  /** The head run's artifacts (records, model). */
  artifacts?: string;
  baseCommit?: string;
  headCommit?: string;
  /** A diff of base…head. */
  compare?: string;
  /** Where the policy came from, e.g. the file on the base branch. */
  policy?: string;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const SHA = /^[0-9a-f]{7,40}$/;

/**
 * Links the comparison itself can vouch for: the run URL in the head record and
 * GitHub commit pages when the repository and commits look like what they claim.
 * Explicit links win.
 */
export function resolveLinks(
  comparison: Comparison,
  explicit: ReportLinks = {},
): Required<{ [K in keyof ReportLinks]: string | null }> {
  const repo =
    comparison.head.repository && REPO.test(comparison.head.repository)
      ? comparison.head.repository
      : null;
  const server = serverOf(comparison.head.runUrl, repo);
  const commitUrl = (sha: string | null | undefined): string | null =>
    repo && sha && SHA.test(sha) ? `${server}/${repo}/commit/${sha}` : null;
  const base = comparison.base?.commit;
  const head = comparison.head.commit;
  return {
    run: safeUrl(explicit.run) ?? safeUrl(comparison.head.runUrl),
    artifacts: safeUrl(explicit.artifacts),
    baseCommit: safeUrl(explicit.baseCommit) ?? commitUrl(base),
    headCommit: safeUrl(explicit.headCommit) ?? commitUrl(head),
    compare:
      safeUrl(explicit.compare) ??
      (repo && base && head && SHA.test(base) && SHA.test(head) && base !== head
        ? `${server}/${repo}/compare/${base}...${head}`
        : null),
    policy: safeUrl(explicit.policy),
  };
}

/**
 * The web host the repository lives on: the origin of the head run's URL (built from
 * `GITHUB_SERVER_URL`, so a GitHub Enterprise Server's own host) when it is this
 * repository's run, else github.com.
 */
function serverOf(runUrl: string | null, repo: string | null): string {
  const url = safeUrl(runUrl);
  const at = url && repo ? url.indexOf(`/${repo}/actions/runs/`) : -1;
  return url && at > 0 && /^https?:\/\/[^/]+$/.test(url.slice(0, at))
    ? url.slice(0, at)
    : 'https://github.com';
}
