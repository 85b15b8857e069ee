// The app's manifest (bot/app.yml) and the bot workflow's `permissions:` against what the
// code does: the events it handles, and the permission each REST call it makes needs
// (GitHub's "Permissions required for GitHub Apps" page,
// docs.github.com/en/rest/authentication/permissions-required-for-github-apps). The calls
// are read from the sources the app imports, so a new call without its permission fails
// here rather than with a 403 on the first user's repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Probot } from 'probot';
import { ProbotOctokit } from 'probot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cd4mlApp } from './app.js';
import { readRunZip } from '../github/read-run-zip.js';

const ROOT = resolve(import.meta.dirname, '..');
type Level = 'read' | 'write';
/** Route → the permissions that allow it (any one of them, at least that level). */
const REQUIRED: Record<string, Array<[string, Level]>> = {
  'GET /repos/{owner}/{repo}/actions/artifacts': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': [
    ['actions', 'read'],
  ],
  'GET /repos/{owner}/{repo}/actions/runs': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs': [
    ['actions', 'read'],
  ],
  'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs': [['actions', 'read']],
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': [['actions', 'read']],
  'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches': [['actions', 'write']],
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': [['checks', 'read']],
  'POST /repos/{owner}/{repo}/check-runs': [['checks', 'write']],
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': [['checks', 'write']],
  'GET /repos/{owner}/{repo}/contents/{path}': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/commits': [['contents', 'read']],
  'GET /repos/{owner}/{repo}/compare/{basehead}': [['contents', 'read']],
  'POST /repos/{owner}/{repo}/git/refs': [['contents', 'write']],
  'GET /repos/{owner}/{repo}/tags': [['metadata', 'read']],
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': [['metadata', 'read']],
  'POST /repos/{owner}/{repo}/deployments': [['deployments', 'write']],
  'GET /repos/{owner}/{repo}/issues': [['issues', 'read']],
  'POST /repos/{owner}/{repo}/issues': [['issues', 'write']],
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': [['issues', 'write']],
  // A PR's comments are issue comments: either permission allows them.
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': [
    ['issues', 'read'],
    ['pull_requests', 'read'],
  ],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': [
    ['issues', 'write'],
    ['pull_requests', 'write'],
  ],
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': [
    ['issues', 'write'],
    ['pull_requests', 'write'],
  ],
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': [
    ['issues', 'write'],
    ['pull_requests', 'write'],
  ],
  'GET /repos/{owner}/{repo}/pulls': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': [['pull_requests', 'read']],
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': [['pull_requests', 'read']],
};

/** Every source file the app loads (relative imports from bot/app.ts), core/ excluded. */
function appSources(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.[^']+)\.js'/g)) {
      const next = resolve(dirname(file), `${spec}.ts`);
      if (existsSync(next) && !relative(ROOT, next).startsWith('core/')) visit(next);
    }
  };
  visit(join(ROOT, 'bot/app.ts'));
  return [...seen];
}

/** `METHOD /route` of every `octokit.rest.<scope>.<method>` the app's sources call. */
function routesCalled(): Map<string, string> {
  const octokit = new ProbotOctokit({ auth: { token: 'x' } }) as unknown as {
    rest: Record<
      string,
      Record<string, { endpoint: { DEFAULTS: { method: string; url: string } } }>
    >;
  };
  const routes = new Map<string, string>();
  for (const file of appSources()) {
    const text = readFileSync(file, 'utf8');
    for (const [, scope, method] of text.matchAll(/\.rest\s*\.\s*(\w+)\s*\.\s*(\w+)/g)) {
      const endpoint = octokit.rest[scope!]?.[method!]?.endpoint;
      if (!endpoint)
        throw new Error(`${relative(ROOT, file)}: no Octokit method rest.${scope}.${method}`);
      routes.set(
        `${endpoint.DEFAULTS.method} ${endpoint.DEFAULTS.url}`,
        `${relative(ROOT, file)}: rest.${scope}.${method}`,
      );
    }
  }
  return routes;
}

const rank = (level: string | undefined) => (level === 'write' ? 2 : level === 'read' ? 1 : 0);

/** The routes `granted` does not allow, with where they are called. */
function missing(granted: Record<string, string>, routes: Map<string, string>): string[] {
  return [...routes]
    .filter(([route]) => !REQUIRED[route]!.some(([p, level]) => rank(granted[p]) >= rank(level)))
    .map(
      ([route, where]) =>
        `${route} (${where}) needs ${REQUIRED[route]!.map((r) => r.join(': ')).join(' or ')}`,
    );
}

const manifest = parse(readFileSync(join(ROOT, 'bot/app.yml'), 'utf8')) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe('bot/app.yml', () => {
  const routes = routesCalled();

  it('finds the calls the app makes, each with its documented permission', () => {
    // A sample of what the app is known to call, so an empty scan cannot pass.
    expect([...routes.keys()]).toEqual(
      expect.arrayContaining([
        'POST /repos/{owner}/{repo}/check-runs',
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      ]),
    );
    const unknown = [...routes]
      .filter(([route]) => !REQUIRED[route])
      .map(([r, where]) => `${r} (${where})`);
    expect(unknown, 'add these routes to REQUIRED with the permission GitHub documents').toEqual(
      [],
    );
  });

  it('grants every permission those calls need', () => {
    expect(missing(manifest.default_permissions, routes)).toEqual([]);
  });

  it('grants nothing the calls do not need (least privilege)', () => {
    const needed = new Map<string, number>([['metadata', 1]]);
    for (const route of routes.keys())
      for (const [p, level] of REQUIRED[route]!)
        needed.set(p, Math.max(needed.get(p) ?? 0, rank(level)));
    for (const [permission, level] of Object.entries(manifest.default_permissions))
      expect(rank(level), `${permission}: ${level}`).toBeLessThanOrEqual(
        needed.get(permission) ?? 0,
      );
  });

  it('would catch a missing permission', () => {
    const { actions: _dropped, ...rest } = manifest.default_permissions;
    expect(missing({ ...rest, actions: 'read' }, routes)).toEqual([
      expect.stringMatching(
        /^POST \/repos\/\{owner\}\/\{repo\}\/actions\/workflows\/\{workflow_id\}\/dispatches .* needs actions: write$/,
      ),
    ]);
  });

  it('subscribes to exactly the events the app handles', () => {
    const events = new Set<string>();
    const fake = {
      on: (names: string | string[]) => [names].flat().forEach((n) => events.add(n.split('.')[0]!)),
    };
    void cd4mlApp({ me: { appId: 1, login: null }, readZip: readRunZip })(
      fake as unknown as Probot,
      {
        addHandler: () => undefined,
        cwd: process.cwd(),
      },
    );
    expect([...manifest.default_events].sort()).toEqual([...events].sort());
    expect(events).toContain('check_suite');
  });
});

describe('docs/workflows/bot.yml (the bot with the job’s token)', () => {
  const workflow = parse(readFileSync(join(ROOT, 'docs/workflows/bot.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
  };

  it('gives the job’s token every permission the app’s calls need', () => {
    // Workflow permission names use `-` where the app's use `_`.
    const granted = Object.fromEntries(
      Object.entries(workflow.permissions).map(([k, v]) => [k.replace(/-/g, '_'), v]),
    );
    expect(missing({ metadata: 'read', ...granted }, routesCalled())).toEqual([]);
  });

  it('runs on the events the app handles that a workflow can receive', () => {
    // A workflow gets `check_suite` only as `completed` (no "Re-run all checks"), and a
    // `deployment_status` made with a GITHUB_TOKEN starts no workflow.
    expect(Object.keys(workflow.on).sort()).toEqual(
      ['check_run', 'issue_comment', 'pull_request', 'workflow_run'].sort(),
    );
  });
});
