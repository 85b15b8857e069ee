import { spawn } from 'node:child_process';
import { Cd4mlError } from '../errors.js';
import { git, runGit } from './git.js';
import { FETCHED_REF, isHistoryPath } from './layout.js';

/** The top of the git work tree holding `root`; `E_USAGE` outside git. */
export async function repositoryOf(root: string): Promise<string> {
  const result = await runGit(root, ['rev-parse', '--show-toplevel']);
  if (!result.ok) {
    throw new Cd4mlError('E_USAGE', `${root} is not in a git repository`, {
      hint: "the history lives on a branch of the repository's remote: run this inside a clone",
    });
  }
  return result.stdout.trim();
}

/**
 * Fetches `branch` of `remote` into `refs/cd4ml/history` (a ref of ours, not a branch of
 * the user's) and returns its commit; null when the remote has no such branch yet. `env`
 * is added to git's (an action's token as `GIT_CONFIG_*`, never on the command line).
 */
export async function fetchBranch(
  repo: string,
  remote: string,
  branch: string,
  env?: Record<string, string>,
): Promise<string | null> {
  const url = await runGit(repo, ['remote', 'get-url', remote]);
  if (!url.ok) {
    throw new Cd4mlError('E_USAGE', `no git remote named "${remote}"`, {
      location: { file: '<command line>', field: 'remote' },
      hint: 'add one (git remote add origin <url>) or pass --remote <name>',
    });
  }
  const fetched = await runGit(
    repo,
    ['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${FETCHED_REF}`],
    env ? { env } : {},
  );
  if (!fetched.ok) {
    if (/couldn't find remote ref|no such ref/i.test(fetched.stderr)) {
      await runGit(repo, ['update-ref', '-d', FETCHED_REF]);
      return null;
    }
    throw new Cd4mlError(
      'E_IO',
      `cannot fetch ${branch} from ${remote}: ${fetched.stderr.trim()}`,
      {
        hint: 'check the remote URL and your credentials (a token with contents: read)',
      },
    );
  }
  return (await git(repo, ['rev-parse', '--verify', `${FETCHED_REF}^{commit}`])).trim();
}

/** The branch's files; `E_USAGE` when some are not a history branch's (it is someone else's branch). */
export async function historyFiles(
  repo: string,
  commit: string,
  branch: string,
): Promise<string[]> {
  const paths = (await git(repo, ['ls-tree', '-r', '-z', '--name-only', commit]))
    .split('\0')
    .filter(Boolean);
  const foreign = paths.filter((path) => !isHistoryPath(path));
  if (foreign.length > 0) {
    throw new Cd4mlError(
      'E_USAGE',
      `branch ${branch} holds ${foreign.length} file(s) cd4ml did not write: ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}`,
      {
        location: { file: `${branch}:${foreign[0] ?? ''}` },
        hint: 'it is not a cd4ml history branch (only index.json, README.md and runs/<id>.json belong there): pass --branch <name> to use another, or remove those files',
      },
    );
  }
  return paths;
}

/**
 * The contents of `paths` at `commit`, read in one `git cat-file --batch`; a blob over
 * `maxBytes` is returned as null (hostile input is not loaded into memory).
 */
export function readBlobs(
  repo: string,
  commit: string,
  paths: readonly string[],
  maxBytes: number,
): Promise<Map<string, string | null>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Cd4mlError('E_IO', `git cat-file exited with ${code}`));
      const out = Buffer.concat(chunks);
      const blobs = new Map<string, string | null>();
      let at = 0;
      for (const path of paths) {
        const end = out.indexOf(10, at);
        const header = out.subarray(at, end).toString('utf8');
        const size = Number(header.split(' ')[2]);
        if (header.endsWith(' missing') || !Number.isFinite(size)) {
          at = end + 1;
          blobs.set(path, null);
          continue;
        }
        blobs.set(
          path,
          size > maxBytes ? null : out.subarray(end + 1, end + 1 + size).toString('utf8'),
        );
        at = end + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(paths.map((path) => `${commit}:${path}\n`).join(''));
  });
}
