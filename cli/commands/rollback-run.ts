import { Cd4mlError } from '../../core/errors.js';
import { rollbackTarget } from '../../core/deploy/version.js';

/** The parts of the GitHub REST API `cd4ml rollback` uses, over fetch. */
interface Api {
  get(path: string): Promise<{ body: unknown; next: string | null }>;
  post(path: string, body: unknown): Promise<unknown>;
}

function api(base: string, token: string): Api {
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'x-github-api-version': '2022-11-28',
    'user-agent': 'cd4ml-cli',
  };
  const request = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the text.
      }
      throw new Cd4mlError(
        'E_USAGE',
        `GitHub answered ${response.status} to ${method} ${new URL(url).pathname}: ${message}`,
        {
          hint:
            response.status === 401 || response.status === 403 || response.status === 404
              ? 'check GITHUB_TOKEN can read the repository and create deployments'
              : undefined,
        },
      );
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
    return { body: text ? (JSON.parse(text) as unknown) : null, next };
  };
  return {
    get: (path) => request('GET', path.startsWith('http') ? path : `${base}${path}`),
    post: async (path, body) => (await request('POST', `${base}${path}`, body)).body,
  };
}

/** `owner/name` from a GitHub remote URL (https or ssh), else null. */
export function repoFromRemote(url: string): string | null {
  const match =
    /^(?:https?:\/\/(?:[^@/]+@)?[^/]+\/|ssh:\/\/[^/]+\/|[\w.-]+@[^:]+:)([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  return match ? `${match[1]}/${match[2]}` : null;
}

async function originRepo(): Promise<string> {
  const { simpleGit } = await import('simple-git');
  let url = '';
  try {
    url = (await simpleGit().remote(['get-url', 'origin'])) ?? '';
  } catch {
    // No git or no origin: fall through to the error below.
  }
  const repo = repoFromRemote(url);
  if (!repo) {
    throw new Cd4mlError('E_USAGE', 'cannot tell the repository: no GitHub remote "origin"', {
      location: { file: '<command line>', field: 'repo' },
      hint: 'pass --repo owner/name',
    });
  }
  return repo;
}

/** Creates the deployment of `version`'s tag; returns its id. */
export async function rollback(
  version: string,
  flags: { repo?: string; environment: string; apiUrl?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ id: number; tag: string; repo: string }> {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) {
    throw new Cd4mlError('E_USAGE', 'GITHUB_TOKEN is not set', {
      hint: 'export GITHUB_TOKEN=… (a token that can create deployments, e.g. `gh auth token`)',
    });
  }
  const repo = flags.repo ?? (await originRepo());
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new Cd4mlError('E_USAGE', `--repo "${repo}" is not owner/name`, {
      location: { file: '<command line>', field: 'repo' },
    });
  }
  const github = api(
    (flags.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    token,
  );
  const tags: string[] = [];
  for (let url: string | null = `/repos/${repo}/tags?per_page=100`; url;) {
    const page = await github.get(url);
    for (const tag of page.body as Array<{ name: string }>) tags.push(tag.name);
    url = page.next;
  }
  const tag = rollbackTarget(version, tags);
  const created = (await github.post(`/repos/${repo}/deployments`, {
    ref: tag,
    environment: flags.environment,
    auto_merge: false,
    required_contexts: [],
    production_environment: flags.environment === 'production',
    description: `cd4ml rollback to ${tag} (cd4ml rollback)`,
    payload: {
      cd4ml: { version: tag, issue: null, rollback: true, requestedBy: env.USER ?? null },
    },
  })) as { id?: number };
  if (typeof created.id !== 'number') {
    throw new Cd4mlError('E_USAGE', `GitHub did not create the deployment of ${tag}`);
  }
  return { id: created.id, tag, repo };
}
