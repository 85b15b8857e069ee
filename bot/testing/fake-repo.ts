import type { FakeGitHub, Reply, Request } from './fake-github.js';
import { paged } from './fake-github.js';

/** The app the fake installation belongs to, and the login its writes appear under. */
export const APP_ID = 424242;
export const APP_LOGIN = 'cd4ml[bot]';

export interface FakeArtifact {
  id: number;
  name: string;
  zip: Uint8Array;
  expired?: boolean;
  createdAt?: string;
  workflowRun: {
    id: number;
    headSha: string;
    headBranch: string;
    headRepositoryId: number;
    repositoryId: number;
  };
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'User' | 'Bot' };
  performed_via_github_app: { id: number } | null;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string };
  app: { id: number };
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
  permissions = new Map<string, string>();
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
  workflowRuns = new Map<number, number[]>();
  #nextId = 9000;

  constructor(fullName: string, id: number) {
    const [owner = '', name = ''] = fullName.split('/');
    this.owner = owner;
    this.name = name;
    this.id = id;
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

  mount(github: FakeGitHub): void {
    const repo = `/repos/${this.owner}/${this.name}`;
    const ours = {
      user: { login: APP_LOGIN, type: 'Bot' as const },
      performed_via_github_app: { id: APP_ID },
    };
    const listed = (a: FakeArtifact) => ({
      id: a.id,
      name: a.name,
      size_in_bytes: a.zip.length,
      expired: a.expired ?? false,
      created_at: a.createdAt ?? null,
      workflow_run: {
        id: a.workflowRun.id,
        repository_id: a.workflowRun.repositoryId,
        head_repository_id: a.workflowRun.headRepositoryId,
        head_branch: a.workflowRun.headBranch,
        head_sha: a.workflowRun.headSha,
      },
    });
    const byNewest = () => [...this.artifacts].sort((a, b) => b.id - a.id);
    github
      .on('GET', `${repo}/actions/artifacts`, (req) => {
        const name = req.query.get('name');
        const items = byNewest()
          .filter((a) => !name || a.name === name)
          .map(listed);
        return paged(items, req, (page) => ({ total_count: items.length, artifacts: page }));
      })
      .on('GET', `${repo}/actions/runs/:run/artifacts`, (req) => {
        const items = byNewest()
          .filter((a) => a.workflowRun.id === Number(req.params.run))
          .filter((a) => !req.query.get('name') || a.name === req.query.get('name'))
          .map(listed);
        return { body: { total_count: items.length, artifacts: items } };
      })
      .on('GET', `${repo}/actions/artifacts/:id/:format`, (req) => {
        const artifact = this.artifacts.find((a) => a.id === Number(req.params.id));
        if (!artifact) return { status: 404, body: { message: 'Not Found' } };
        if (artifact.expired) return { status: 410, body: { message: 'Artifact has expired' } };
        return {
          status: 302,
          headers: { location: `${req.origin}/_blob/${artifact.id}?sig=short-lived` },
        };
      })
      .on('GET', '/_blob/:id', (req): Reply => {
        const artifact = this.artifacts.find((a) => a.id === Number(req.params.id));
        return artifact ? { bytes: artifact.zip } : { status: 404, body: 'no such blob' };
      })
      .on('GET', `${repo}/contents/.github/cd4ml.yml`, (req) => {
        const text = this.files.get(`${req.query.get('ref') ?? ''}:.github/cd4ml.yml`);
        return text === undefined
          ? { status: 404, body: { message: 'Not Found' } }
          : {
              body: text,
              headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
            };
      })
      .on('GET', `${repo}/commits`, (req) => {
        const list: Array<{ sha: string; parents: Array<{ sha: string }> }> = [];
        for (
          let sha: string | undefined = req.query.get('sha') ?? undefined;
          sha && list.length < 100;
          sha = this.parents.get(sha)
        ) {
          const parent = this.parents.get(sha);
          list.push({ sha, parents: parent ? [{ sha: parent }] : [] });
        }
        return { body: list };
      })
      .on('GET', `${repo}/issues/:n/comments`, (req) =>
        paged(this.commentsOn(Number(req.params.n)), req),
      )
      .on('POST', `${repo}/issues/:n/comments`, (req) => {
        const comment = { id: this.nextId(), body: (req.body as { body: string }).body, ...ours };
        this.commentsOn(Number(req.params.n)).push(comment);
        return { status: 201, body: comment };
      })
      .on('PATCH', `${repo}/issues/comments/:id`, (req) => {
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
          app: { id: APP_ID },
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
      .on('GET', `${repo}/collaborators/:user/permission`, (req) => {
        const role = this.permissions.get(req.params.user ?? '') ?? 'read';
        const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
        return { body: { permission, role_name: role, user: { login: req.params.user } } };
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
        return { body: { total_count: jobs.length, jobs } };
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
      .on('GET', `${repo}/actions/runs`, (req) => {
        const sha = req.query.get('head_sha');
        const ids = [
          ...new Set(
            this.artifacts
              .filter((a) => !sha || a.workflowRun.headSha === sha)
              .map((a) => a.workflowRun.id),
          ),
        ];
        return {
          body: {
            total_count: ids.length,
            workflow_runs: ids.map((id) => ({ id, head_sha: sha })),
          },
        };
      })
      .on('GET', `${repo}/actions/workflows/:workflow/runs`, (req) => {
        const ids = this.workflowRuns.get(Number(req.params.workflow)) ?? [];
        return { body: { total_count: ids.length, workflow_runs: ids.map((id) => ({ id })) } };
      })
      .on('POST', `${repo}/actions/workflows/:workflow/dispatches`, () => ({ status: 204 }));
  }
}
