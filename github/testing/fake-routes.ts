/**
 * The fake GitHub's Actions and history routes for one `FakeRepo`, answering as GitHub's
 * REST API documents them:
 * - workflow runs (`/actions/runs`, `/actions/workflows/{id or file}/runs`) newest first,
 *   filtered by `branch`, `event`, `status` (a status or a conclusion), `head_sha`, paged
 *   (`per_page` ≤ 100, `Link`), with `total_count`; a re-run is one run with a higher
 *   `run_attempt`;
 * - artifacts (repository-wide and per run, filtered by `name`, newest first, paged), each
 *   with its `workflow_run`; `expired: true` ones answer 410 on download; a download is a
 *   302 to short-lived blob storage;
 * - commits (first-parent walk from `sha`, paged), compare (`merge_base_commit`), contents
 *   (raw), from a real git repository or the repo's `parents`/`files` maps.
 */
import type { FakeGitHub, Reply } from './fake-github.js';
import { paged } from './fake-github.js';
import type { FakeArtifact, FakeRepo } from './fake-repo.js';

const STATUSES = new Set(['completed', 'in_progress', 'queued', 'requested', 'waiting', 'pending']);

export function mountActions(repo: FakeRepo, github: FakeGitHub): void {
  const base = `/repos/${repo.owner}/${repo.name}`;
  const runJson = (run: ReturnType<FakeRepo['allRuns']>[number]) => ({
    id: run.id,
    name: run.workflow.replace(/\.ya?ml$/, ''),
    path: `.github/workflows/${run.workflow}`,
    workflow_id: run.workflowId,
    head_sha: run.headSha,
    head_branch: run.headBranch,
    event: run.event,
    status: run.status,
    conclusion: run.status === 'completed' ? run.conclusion : null,
    run_attempt: run.runAttempt,
    created_at: run.createdAt,
    html_url: `https://github.com/${repo.fullName}/actions/runs/${run.id}`,
    head_repository: { id: run.headRepositoryId, full_name: run.headRepository },
  });
  const runs = (query: URLSearchParams, workflow?: string) => {
    const status = query.get('status');
    return repo
      .allRuns()
      .filter((r) => !workflow || r.workflow === workflow || String(r.workflowId) === workflow)
      .filter((r) => !query.get('branch') || r.headBranch === query.get('branch'))
      .filter((r) => !query.get('event') || r.event === query.get('event'))
      .filter((r) => !query.get('head_sha') || r.headSha === query.get('head_sha'))
      .filter(
        (r) =>
          !status ||
          (STATUSES.has(status)
            ? r.status === status
            : r.status === 'completed' && r.conclusion === status),
      )
      .map(runJson);
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
  const artifacts = (query: URLSearchParams, runId?: number) =>
    [...repo.artifacts]
      .sort((a, b) => b.id - a.id)
      .filter((a) => runId === undefined || a.workflowRun.id === runId)
      .filter((a) => !query.get('name') || a.name === query.get('name'))
      .map(listed);
  const wrapRuns = (items: unknown[]) => (page: unknown[]) => ({
    total_count: items.length,
    workflow_runs: page,
  });
  const wrapArtifacts = (items: unknown[]) => (page: unknown[]) => ({
    total_count: items.length,
    artifacts: page,
  });
  github
    .on('GET', `${base}/actions/runs`, (req) => {
      const items = runs(req.query);
      return paged(items, req, wrapRuns(items));
    })
    .on('GET', `${base}/actions/workflows/:workflow/runs`, (req) => {
      const items = runs(req.query, req.params.workflow);
      return paged(items, req, wrapRuns(items));
    })
    .on('GET', `${base}/actions/artifacts`, (req) => {
      const items = artifacts(req.query);
      return paged(items, req, wrapArtifacts(items));
    })
    .on('GET', `${base}/actions/runs/:run/artifacts`, (req) => {
      const items = artifacts(req.query, Number(req.params.run));
      return paged(items, req, wrapArtifacts(items));
    })
    .on('GET', `${base}/actions/artifacts/:id/:format`, (req) => {
      const artifact = repo.artifacts.find((a) => a.id === Number(req.params.id));
      if (!artifact) return { status: 404, body: { message: 'Not Found' } };
      if (artifact.expired) return { status: 410, body: { message: 'Artifact has expired' } };
      return {
        status: 302,
        headers: { location: `${req.origin}/_blob/${artifact.id}?sig=short-lived` },
      };
    })
    .on('GET', '/_blob/:id', (req): Reply => {
      const artifact = repo.artifacts.find((a) => a.id === Number(req.params.id));
      return artifact ? { bytes: artifact.zip } : { status: 404, body: 'no such blob' };
    });
}

export function mountHistory(repo: FakeRepo, github: FakeGitHub): void {
  const base = `/repos/${repo.owner}/${repo.name}`;
  const notFound = { status: 404, body: { message: 'Not Found' } };
  github
    .on('GET', `${base}/commits`, (req) => {
      const sha = req.query.get('sha');
      if (!sha) return { body: [] };
      // GitHub walks the whole history; first parents are what a line of commits needs.
      const perPage = Math.min(100, Number(req.query.get('per_page') ?? 30));
      const page = Number(req.query.get('page') ?? 1);
      const line = repo.history(sha, perPage * page + 1);
      if (line.length === 0)
        return { status: 422, body: { message: `No commit found for SHA: ${sha}` } };
      const items = line.map((c) => ({ sha: c.sha, parents: c.parents.map((p) => ({ sha: p })) }));
      return paged(items, req);
    })
    .on('GET', `${base}/commits/:ref`, (req) => {
      const [head] = repo.history(req.params.ref ?? '', 1);
      return head ? { body: { sha: head.sha } } : notFound;
    })
    .on('GET', `${base}/compare/:basehead`, (req) => {
      const [a = '', b = ''] = (req.params.basehead ?? '').split('...');
      const mergeBase = repo.mergeBase(a, b);
      return mergeBase
        ? { body: { merge_base_commit: { sha: mergeBase }, commits: [] } }
        : notFound;
    });
  // Contents at any depth of path (`/` in a path arrives encoded or not; decoded here).
  github.on('GET', `${base}/contents/:p1`, (req) => content(req.params.p1, req.query));
  github.on('GET', `${base}/contents/:p1/:p2`, (req) =>
    content(`${req.params.p1}/${req.params.p2}`, req.query),
  );
  github.on('GET', `${base}/contents/:p1/:p2/:p3`, (req) =>
    content(`${req.params.p1}/${req.params.p2}/${req.params.p3}`, req.query),
  );
  function content(path: string | undefined, query: URLSearchParams): Reply {
    const text = repo.fileAt(query.get('ref') ?? 'HEAD', path ?? '');
    return text === null
      ? notFound
      : { body: text, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
  }
}

/**
 * Releases as the release action uses them: by tag (published only, as GitHub: a draft is
 * found in the list, newest first, paged), create, upload assets to a draft, publish.
 */
export function mountReleases(repo: FakeRepo, github: FakeGitHub): void {
  const base = `/repos/${repo.owner}/${repo.name}`;
  const json = (release: FakeRepo['releases'][number], origin: string) => ({
    id: release.id,
    tag_name: release.tag_name,
    draft: release.draft,
    body: release.body,
    html_url: `https://github.com/${repo.fullName}/releases/tag/${release.tag_name}`,
    upload_url: `${origin}${base}/releases/${release.id}/assets{?name,label}`,
    assets: release.assets,
  });
  const notFound = { status: 404, body: { message: 'Not Found' } };
  github
    .on('GET', `${base}/releases/tags/:tag`, (req) => {
      const release = repo.releases.find((r) => !r.draft && r.tag_name === req.params.tag);
      return release ? { body: json(release, req.origin) } : notFound;
    })
    .on('GET', `${base}/releases`, (req) =>
      paged(
        [...repo.releases].reverse().map((r) => json(r, req.origin)),
        req,
      ),
    )
    .on('POST', `${base}/releases`, (req) => {
      const input = req.body as { tag_name: string; draft: boolean; body: string };
      const release = {
        id: 500 + repo.releases.length,
        tag_name: input.tag_name,
        draft: input.draft,
        body: input.body,
        assets: [],
      };
      repo.releases.push(release);
      return { status: 201, body: json(release, req.origin) };
    })
    .on('POST', `${base}/releases/:id/assets`, (req) => {
      const release = repo.releases.find((r) => r.id === Number(req.params.id));
      if (!release) return notFound;
      if (!release.draft)
        return { status: 422, body: { message: 'Cannot upload assets to an immutable release.' } };
      release.assets.push({ name: req.query.get('name') ?? '', size: req.bytes });
      return {
        status: 201,
        body: { id: 700 + release.assets.length, name: req.query.get('name') },
      };
    })
    .on('PATCH', `${base}/releases/:id`, (req) => {
      const release = repo.releases.find((r) => r.id === Number(req.params.id));
      if (!release) return notFound;
      release.draft = (req.body as { draft: boolean }).draft;
      return { body: json(release, req.origin) };
    });
}
