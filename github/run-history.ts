/**
 * A repository's history and files through the REST API, for `./run-source.ts`: first
 * parents (one page of `/commits`), the merge-base (one `/compare`), a file at a commit
 * (the contents API, raw). Commits GitHub does not know read as none (404, 422).
 */
import { Cd4mlError } from '../core/errors.js';
import type { GitHubClient } from './client.js';
import { httpStatus } from './errors.js';
import type { Repo } from './repo.js';
import { Commits, CompareCommits, parse } from './schemas.js';

/** The largest policy (or other file) a source reads: 256 KiB. */
export const MAX_FILE_BYTES = 256 * 1024;

/** Makes a (counted) request; null when the source's request bound is reached. */
export type CountedCall = (
  route: string,
  parameters: Record<string, unknown>,
  counted?: boolean,
) => Promise<{ data: unknown } | null>;

/** `commit` and its first parents, up to `depth`, from one page of `/commits`. */
export async function firstParentsOf(
  call: CountedCall,
  commit: string,
  depth: number,
): Promise<string[]> {
  const route = 'GET /repos/{owner}/{repo}/commits';
  let response;
  try {
    response = await call(route, { sha: commit, per_page: Math.min(depth, 100) });
  } catch (error) {
    if (httpStatus(error) === 404 || httpStatus(error) === 422) return [];
    throw error;
  }
  if (!response) return [commit];
  const parentOf = new Map(
    parse(Commits, response.data, route).map((c) => [c.sha, c.parents[0]?.sha]),
  );
  const line: string[] = [];
  for (let sha: string | undefined = commit; sha && line.length < depth; sha = parentOf.get(sha)) {
    line.push(sha);
    if (!parentOf.has(sha)) break;
  }
  return line;
}

/** The merge-base of `a` and `b` (one `/compare`, not counted), or null when GitHub knows none. */
export async function compareBase(call: CountedCall, a: string, b: string): Promise<string | null> {
  const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
  try {
    const response = await call(route, { basehead: `${a}...${b}`, per_page: 1 }, false);
    return response ? parse(CompareCommits, response.data, route).merge_base_commit.sha : null;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

/** A file at a commit through the contents API (raw), or null when there is none. */
export async function readFileAt(
  github: GitHubClient,
  repo: Repo,
  commit: string,
  path: string,
  maxBytes: number,
): Promise<string | null> {
  try {
    const { data } = await github.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...repo,
      path,
      ref: commit,
      mediaType: { format: 'raw' },
    });
    const text = typeof data === 'string' ? data : null;
    if (text !== null && Buffer.byteLength(text) > maxBytes)
      throw fileTooBig(path, commit, maxBytes);
    return text;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

/** The error for a policy (or other file) over the size the source reads. */
export function fileTooBig(path: string, commit: string, maxBytes: number): Cd4mlError {
  return new Cd4mlError('E_POLICY', `${path} at ${commit.slice(0, 7)} is over ${maxBytes} bytes`, {
    location: { file: path },
  });
}
