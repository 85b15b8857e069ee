import { execFileSync } from 'node:child_process';
import type { FakeGitHub, Request } from './fake-github.js';
import { paged } from './fake-github.js';
import { mountGraphQL } from './fake-graphql.js';
import { mountActions, mountHistory, mountReleases } from './fake-routes.js';

/** The app the fake installation belongs to, and the login its writes appear under. */
export const APP_ID = 424242;
export const APP_LOGIN = 'cd4ml[bot]';
/** The workflow runs are of unless they say otherwise (the webhook examples' `workflow_id`). */
export const ML_WORKFLOW_ID = 2823525;

/**
 * A workflow run as GitHub lists it. Runs are also implied by artifacts (`FakeArtifact.
 * workflowRun`), so a test that only uploads artifacts has their runs listed too.
 */
export interface FakeRun {
  id: number;
  headSha: string;
  headBranch: string;
  /** The event that started it. Default `push`. */
  event?: string;
  status?: 'completed' | 'in_progress' | 'queued';
  /** Default `success` (for a completed run). */
  conclusion?: string | null;
  /** The workflow's file name (`ml.yml`); its id is `workflowId`. Default `ml.yml` / 1. */
  workflow?: string;
  workflowId?: number;
  /** Re-runs keep the run id and raise the attempt. Default 1. */
  runAttempt?: number;
  /** The repository the run's code came from (a fork's id for a fork PR). */
  headRepositoryId: number;
  /** `owner/name` of the head repository; default: this repository's, or `fork/<name>`. */
  headRepository?: string;
  /** ISO time; default: ordered by id. */
  createdAt?: string;
  displayTitle?: string;
}

export interface FakeArtifact {
  id: number;
  name: string;
  /** The zip GitHub serves. */
  zip: Uint8Array;
  expired?: boolean;
  createdAt?: string;
  workflowRun: {
    id: number;
    headSha: string;
    headBranch: string;
    headRepositoryId: number;
    repositoryId: number;
  } & Partial<Omit<FakeRun, 'id' | 'headSha' | 'headBranch' | 'headRepositoryId'>>;
}

/** GitHub's answer to a second upload of one name in a run without `overwrite` (upload-artifact v4). */
export class ArtifactConflict extends Error {
  readonly status = 409;
  constructor(name: string) {
    super(
      `(409) Conflict: an artifact with this name already exists on the workflow run (${name})`,
    );
  }
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  performed_via_github_app: { id: number; slug?: string } | null;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string };
  app: { id: number; slug?: string };
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged?: boolean;
  merge_commit_sha?: string | null;
  head: { sha: string; ref: string; repo: { id: number; owner: { login: string } } | null };
  base: { sha: string; ref: string; repo: { id: number } };
}

/**
 * One repository's state behind the fake GitHub: artifacts (zips served through the
 * API's redirect), files at commits, comments, check runs, pulls, tags, deployments,
 * issues, permissions and jobs. Writes by the app change the state, so a second event
 * sees what the first one left, as on GitHub.
 */
export class FakeRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  artifacts: FakeArtifact[] = [];
  /** `sha:path` → text. */
  files = new Map<string, string>();
  comments = new Map<number, FakeComment[]>();
  checkRuns: FakeCheckRun[] = [];
  pulls: FakePull[] = [];
  /** sha → first parent, for the commits list. */
  parents = new Map<string, string>();
  tags: Array<{ name: string; sha: string }> = [];
  deployments: Array<{ id: number; ref: string; environment: string; payload: unknown }> = [];
  issues: Array<{
    number: number;
    title: string;
    body: string;
    state: string;
    user: { login: string };
    performed_via_github_app: { id: number } | null;
  }> = [];
  /** login → role: a built-in one, or a custom role with its base role. */
  permissions = new Map<string, string | { role_name: string; base: string }>();
  jobs = new Map<
    number,
    Array<{
      id: number;
      name: string;
      conclusion: string;
      steps: Array<{ name: string; conclusion: string }>;
      log: string;
    }>
  >();
  /** Workflow runs listed besides those the artifacts imply (runs without artifacts, re-runs). */
  runs: FakeRun[] = [];
  /** A real git repository behind commits, compare and contents (else `parents` and `files`). */
  git: string | undefined;
  releases: Array<{
    id: number;
    tag_name: string;
    draft: boolean;
    body: string;
    assets: Array<{ name: string; size: number }>;
  }> = [];
  #nextId = 9000;

  constructor(fullName: string, id: number, options: { git?: string } = {}) {
    const [owner = '', name = ''] = fullName.split('/');
    this.owner = owner;
    this.name = name;
    this.id = id;
    this.git = options.git;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Every workflow run, newest first: the explicit ones and those the artifacts imply. */
  allRuns(): Required<Omit<FakeRun, 'displayTitle'>>[] {
    const byId = new Map<number, FakeRun>();
    for (const a of this.artifacts) {
      if (!byId.has(a.workflowRun.id)) byId.set(a.workflowRun.id, { ...a.workflowRun });
    }
    for (const run of this.runs) byId.set(run.id, { ...byId.get(run.id), ...run });
    return [...byId.values()]
      .map((run) => ({
        id: run.id,
        headSha: run.headSha,
        headBranch: run.headBranch,
        event: run.event ?? 'push',
        status: run.status ?? 'completed',
        conclusion: run.conclusion === undefined ? 'success' : run.conclusion,
        workflow: run.workflow ?? 'ml.yml',
        workflowId: run.workflowId ?? ML_WORKFLOW_ID,
        runAttempt: run.runAttempt ?? 1,
        headRepositoryId: run.headRepositoryId,
        headRepository:
          run.headRepository ??
          (run.headRepositoryId === this.id
            ? this.fullName
            : `fork-${run.headRepositoryId}/${this.name}`),
        createdAt: run.createdAt ?? new Date(Date.UTC(2026, 0, 1) + run.id * 1000).toISOString(),
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  }

  /**
   * Uploads an artifact to a run as upload-artifact v4 does: a name is unique within a run,
   * so a second upload throws `ArtifactConflict` (409) unless `overwrite` replaces it (the
   * old artifact is deleted, the new one gets a new id).
   */
  uploadArtifact(
    run: FakeArtifact['workflowRun'],
    name: string,
    zip: Uint8Array,
    options: { overwrite?: boolean; expired?: boolean } = {},
  ): FakeArtifact {
    const at = this.artifacts.findIndex((a) => a.workflowRun.id === run.id && a.name === name);
    if (at >= 0 && !options.overwrite) throw new ArtifactConflict(name);
    if (at >= 0) this.artifacts.splice(at, 1);
    const artifact: FakeArtifact = {
      id: this.nextId(),
      name,
      zip,
      workflowRun: run,
      ...(options.expired ? { expired: true } : {}),
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  /** `sha` and its ancestors, newest first, each with its parents (git, or the `parents` map). */
  history(sha: string, max: number): Array<{ sha: string; parents: string[] }> {
    if (this.git && !this.parents.has(sha)) {
      const out = execFileSync('git', ['rev-list', '--parents', `--max-count=${max}`, sha], {
        cwd: this.git,
        encoding: 'utf8',
      });
      return out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [head = '', ...parents] = line.split(' ');
          return { sha: head, parents };
        });
    }
    const list: Array<{ sha: string; parents: string[] }> = [];
    for (let at: string | undefined = sha; at && list.length < max; at = this.parents.get(at)) {
      const parent = this.parents.get(at);
      list.push({ sha: at, parents: parent ? [parent] : [] });
    }
    return list;
  }

  /** A file's text at a commit (the `files` map, else git), or null. */
  fileAt(ref: string, path: string): string | null {
    const set = this.files.get(`${ref}:${path}`);
    if (set !== undefined) return set;
    if (this.git) {
      try {
        return execFileSync('git', ['show', `${ref}:${path}`], {
          cwd: this.git,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        return null;
      }
    }
    return null;
  }

  /** The best common ancestor of two commits, or null. */
  mergeBase(a: string, b: string): string | null {
    if (this.git && !this.parents.has(a) && !this.parents.has(b)) {
      try {
        return execFileSync('git', ['merge-base', a, b], {
          cwd: this.git,
          encoding: 'utf8',
        }).trim();
      } catch {
        return null;
      }
    }
    const ofA = new Set(this.history(a, 10_000).map((c) => c.sha));
    return this.history(b, 10_000).find((c) => ofA.has(c.sha))?.sha ?? null;
  }

  nextId(): number {
    return ++this.#nextId;
  }

  /** Comments on `issue` (created empty). */
  commentsOn(issue: number): FakeComment[] {
    let list = this.comments.get(issue);
    if (!list) {
      list = [];
      this.comments.set(issue, list);
    }
    return list;
  }

  /** `count` comments by people (a long PR discussion). */
  addHumanComments(issue: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.commentsOn(issue).push({
        id: this.nextId(),
        body: `Looks good to me (${i}) <!-- cd4ml:report -->`,
        user: { login: `reviewer${i % 7}`, type: 'User' },
        performed_via_github_app: null,
      });
    }
  }

  /** Who the token writes as: the app (default), or `github-actions[bot]` for a job's token. */
  writer: { login: string; appId: number; slug?: string } = { login: APP_LOGIN, appId: APP_ID };
  /** Answer comment writes 403, as GitHub does for a token without `pull-requests: write` (a fork PR). */
  refuseCommentWrites = false;

  mount(github: FakeGitHub): void {
    const repo = `/repos/${this.owner}/${this.name}`;
    // Writes appear as whoever the token is (`writer`): the user, and the app it acts for.
    const app = () => ({
      id: this.writer.appId,
      slug: this.writer.slug ?? this.writer.login.replace(/\[bot\]$/, ''),
    });
    const ours = () => ({
      user: { login: this.writer.login, type: 'Bot' as const },
      performed_via_github_app: app(),
    });
    mountGraphQL(this, github);
    const refused = {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    };
    mountActions(this, github);
    mountHistory(this, github);
    github
      .on('GET', `${repo}/issues/:n/comments`, (req) =>
        paged(this.commentsOn(Number(req.params.n)), req),
      )
      .on('POST', `${repo}/issues/:n/comments`, (req) => {
        if (this.refuseCommentWrites) return refused;
        const comment = {
          id: this.nextId(),
          body: (req.body as { body: string }).body,
          ...ours(),
          html_url: `https://github.com/${this.fullName}/pull/${req.params.n}#issuecomment-${this.#nextId}`,
        };
        this.commentsOn(Number(req.params.n)).push(comment);
        return { status: 201, body: comment };
      })
      .on('PATCH', `${repo}/issues/comments/:id`, (req) => {
        if (this.refuseCommentWrites) return refused;
        const comment = [...this.comments.values()]
          .flat()
          .find((c) => c.id === Number(req.params.id));
        if (!comment) return { status: 404, body: { message: 'Not Found' } };
        comment.body = (req.body as { body: string }).body;
        return { body: comment };
      })
      .on('DELETE', `${repo}/issues/comments/:id`, (req) => {
        for (const list of this.comments.values()) {
          const at = list.findIndex((c) => c.id === Number(req.params.id));
          if (at >= 0) list.splice(at, 1);
        }
        return { status: 204 };
      })
      .on('GET', `${repo}/commits/:sha/check-runs`, (req) => {
        const runs = this.checkRuns.filter(
          (c) =>
            c.head_sha === req.params.sha &&
            (!req.query.get('check_name') || c.name === req.query.get('check_name')),
        );
        return { body: { total_count: runs.length, check_runs: runs } };
      })
      .on('POST', `${repo}/check-runs`, (req) => {
        const body = req.body as Partial<FakeCheckRun> & { head_sha: string; name: string };
        const run: FakeCheckRun = {
          id: this.nextId(),
          name: body.name,
          head_sha: body.head_sha,
          status: body.status ?? 'queued',
          conclusion: body.conclusion ?? null,
          output: body.output ?? {},
          app: app(),
        };
        this.checkRuns.push(run);
        return { status: 201, body: run };
      })
      .on('PATCH', `${repo}/check-runs/:id`, (req) => {
        const run = this.checkRuns.find((c) => c.id === Number(req.params.id));
        if (!run) return { status: 404, body: { message: 'Not Found' } };
        Object.assign(run, req.body);
        return { body: run };
      })
      .on('GET', `${repo}/pulls`, (req) => {
        const head = req.query.get('head');
        const list = this.pulls.filter(
          (p) =>
            p.state === (req.query.get('state') ?? 'open') &&
            (!head || `${p.head.repo?.owner.login ?? ''}:${p.head.ref}` === head),
        );
        return paged(list, req);
      })
      .on('GET', `${repo}/pulls/:n`, (req) => {
        const pull = this.pulls.find((p) => p.number === Number(req.params.n));
        return pull
          ? { body: { merged: false, merge_commit_sha: null, ...pull } }
          : { status: 404, body: { message: 'Not Found' } };
      })
      // A commit's pull requests; a merge commit's is the PR it merged (`merged_at` set).
      .on('GET', `${repo}/commits/:sha/pulls`, (req) => {
        const list = this.pulls
          .filter((p) => p.merge_commit_sha === req.params.sha || p.head.sha === req.params.sha)
          .map((p) => ({
            ...p,
            merge_commit_sha: p.merge_commit_sha ?? null,
            merged_at: p.merged ? '2026-12-06T20:00:00Z' : null,
          }));
        return paged(list, req);
      })
      .on('GET', `${repo}/collaborators/:user/permission`, (req) => {
        // GitHub's shape: `permission` is the legacy level (maintain reads as write, triage
        // as read; a custom role as its base role's), `role_name` the role's own name.
        const given = this.permissions.get(req.params.user ?? '') ?? 'read';
        const { role_name, base } =
          typeof given === 'string' ? { role_name: given, base: given } : given;
        const permission = base === 'maintain' ? 'write' : base === 'triage' ? 'read' : base;
        const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(base);
        const permissions = {
          pull: rank >= 1,
          triage: rank >= 2,
          push: rank >= 3,
          maintain: rank >= 4,
          admin: rank >= 5,
        };
        return { body: { permission, role_name, user: { login: req.params.user, permissions } } };
      })
      .on('GET', `${repo}/tags`, (req) =>
        paged(
          this.tags.map((t) => ({ name: t.name, commit: { sha: t.sha } })),
          req,
        ),
      )
      .on('POST', `${repo}/git/refs`, (req) => {
        const { ref, sha } = req.body as { ref: string; sha: string };
        const name = ref.replace(/^refs\/tags\//, '');
        if (this.tags.some((t) => t.name === name))
          return { status: 422, body: { message: 'Reference already exists' } };
        this.tags.push({ name, sha });
        return { status: 201, body: { ref, object: { sha } } };
      })
      .on('POST', `${repo}/deployments`, (req) => {
        const body = req.body as { ref: string; environment: string; payload: unknown };
        const deployment = {
          id: this.nextId(),
          ref: body.ref,
          environment: body.environment,
          payload: body.payload,
        };
        this.deployments.push(deployment);
        return { status: 201, body: deployment };
      })
      .on('GET', `${repo}/issues`, (req) =>
        paged(
          this.issues.filter((i) => i.state === (req.query.get('state') ?? 'open')),
          req,
        ),
      )
      .on('POST', `${repo}/issues`, (req) => {
        const body = req.body as { title: string; body: string };
        const issue = {
          number: this.nextId(),
          title: body.title,
          body: body.body,
          state: 'open',
          user: { login: APP_LOGIN },
          performed_via_github_app: { id: APP_ID },
        };
        this.issues.push(issue);
        return { status: 201, body: issue };
      })
      .on('PATCH', `${repo}/issues/:n`, (req) => {
        const issue = this.issues.find((i) => i.number === Number(req.params.n));
        if (!issue) return { status: 404, body: { message: 'Not Found' } };
        Object.assign(issue, req.body);
        return { body: issue };
      })
      .on('GET', `${repo}/actions/runs/:run/jobs`, (req) => {
        const jobs = (this.jobs.get(Number(req.params.run)) ?? []).map((j) => ({
          ...j,
          html_url: `https://github.com/${this.owner}/${this.name}/actions/jobs/${j.id}`,
        }));
        // At most 100 a page, as GitHub serves it; a compiled workflow can have more jobs.
        return paged(jobs, req, (page) => ({ total_count: jobs.length, jobs: page }));
      })
      .on('GET', `${repo}/actions/jobs/:job/logs`, (req) => {
        const job = [...this.jobs.values()].flat().find((j) => j.id === Number(req.params.job));
        return job
          ? { status: 302, headers: { location: `${req.origin}/_blob/log-${job.id}` } }
          : { status: 404, body: { message: 'Not Found' } };
      })
      .on('GET', '/_blob/log-:job', (req: Request) => {
        const job = [...this.jobs.values()].flat().find((j) => j.id === Number(req.params.job));
        return { body: job?.log ?? '' };
      })
      .on('POST', `${repo}/actions/workflows/:workflow/dispatches`, () => ({ status: 204 }));
    mountReleases(this, github);
  }
}
