/**
 * The parts of GitHub's payloads and REST responses cd4ml reads, validated leniently
 * (unknown fields pass through; what we use must be there and have the right type).
 * Every REST response the shared layer uses goes through `parse` with one of these: a
 * changed or truncated answer is an error naming the call, never a cast that fails later.
 */
import { Cd4mlError } from '../core/errors.js';
import * as z from '../core/yaml/zod.js';

const RepoRef = z.object({ full_name: z.string() });

export const PullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number(),
    html_url: z.optional(z.string()),
    base: z.object({ sha: z.string(), ref: z.string(), repo: RepoRef }),
    head: z.object({ sha: z.string(), ref: z.string(), repo: z.nullable(RepoRef) }),
  }),
});
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

export const WorkflowRun = z.object({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  path: z.optional(z.string()),
  workflow_id: z.optional(z.number()),
  head_sha: z.string(),
  head_branch: z.nullable(z.string()),
  event: z.string(),
  status: z.nullable(z.string()),
  conclusion: z.nullable(z.string()),
  run_attempt: z.optional(z.number()),
  html_url: z.optional(z.string()),
  created_at: z.optional(z.string()),
  head_repository: z.optional(
    z.nullable(z.object({ id: z.optional(z.number()), full_name: z.string() })),
  ),
});
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const WorkflowRuns = z.object({
  total_count: z.number(),
  workflow_runs: z.array(WorkflowRun),
});

export const Artifact = z.object({
  id: z.number(),
  name: z.string(),
  size_in_bytes: z.number(),
  expired: z.boolean(),
  created_at: z.optional(z.nullable(z.string())),
  workflow_run: z.optional(
    z.nullable(
      z.object({
        id: z.optional(z.number()),
        repository_id: z.optional(z.number()),
        head_repository_id: z.optional(z.number()),
        head_branch: z.optional(z.nullable(z.string())),
        head_sha: z.optional(z.string()),
      }),
    ),
  ),
});
export type Artifact = z.infer<typeof Artifact>;

export const Artifacts = z.object({ total_count: z.number(), artifacts: z.array(Artifact) });

export const Commits = z.array(
  z.object({ sha: z.string(), parents: z.array(z.object({ sha: z.string() })) }),
);

export const CompareCommits = z.object({
  merge_base_commit: z.object({ sha: z.string() }),
});

export const IssueComment = z.object({
  id: z.number(),
  body: z.optional(z.nullable(z.string())),
  html_url: z.optional(z.string()),
  user: z.nullable(z.object({ login: z.string(), type: z.optional(z.string()) })),
  performed_via_github_app: z.optional(z.nullable(z.object({ id: z.optional(z.number()) }))),
});
export type IssueComment = z.infer<typeof IssueComment>;

export const IssueComments = z.array(IssueComment);

/** A pull request as `GET /pulls/{n}` and `GET /pulls` answer (the fields the bot keeps). */
export const PullRequest = z.object({
  number: z.number(),
  state: z.string(),
  merged: z.optional(z.boolean()),
  merge_commit_sha: z.optional(z.nullable(z.string())),
  head: z.object({
    sha: z.string(),
    ref: z.string(),
    repo: z.nullable(z.object({ id: z.number() })),
  }),
  base: z.object({ sha: z.string(), ref: z.string() }),
});
export const PullRequests = z.array(PullRequest);

/** `GET /commits/{ref}/check-runs`: the fields the bot reads to find its own check run. */
export const CheckRuns = z.object({
  total_count: z.number(),
  check_runs: z.array(
    z.object({
      id: z.number(),
      head_sha: z.string(),
      status: z.string(),
      conclusion: z.nullable(z.string()),
      app: z.nullable(
        z.object({ id: z.optional(z.nullable(z.number())), slug: z.optional(z.string()) }),
      ),
    }),
  ),
});

/** `GET /repos/{owner}/{repo}/tags` (every page): a tag and the commit it points to. */
export const Tags = z.array(z.object({ name: z.string(), commit: z.object({ sha: z.string() }) }));

/** `POST /repos/{owner}/{repo}/deployments` answered 201: the deployment made. */
export const CreatedDeployment = z.object({ id: z.number() });

/** The same call answered 202: GitHub tried to merge the default branch into the ref first. */
export const DeploymentNotCreated = z.object({ message: z.optional(z.string()) });

/**
 * What the bot puts in a deployment's `payload` (`deployment_status` brings it back): the
 * version, the PR or issue to report to, and who asked. Other deployments carry anything
 * (a string, `{}`): `deploymentInfo` answers null for them.
 */
export const DeploymentPayload = z.object({
  cd4ml: z.object({
    version: z.string(),
    issue: z.nullable(z.number()),
    rollback: z.boolean(),
    requestedBy: z.nullable(z.string()),
  }),
});
export type DeploymentPayload = z.infer<typeof DeploymentPayload>;

/** The bot's part of a deployment's payload, or null when the deployment carries none. */
export function deploymentInfo(payload: unknown): DeploymentPayload['cd4ml'] | null {
  const parsed = DeploymentPayload.safeParse(payload);
  return parsed.success ? parsed.data.cd4ml : null;
}

/** GraphQL `query Cd4mlViewer { viewer { login } }`: who the token writes as. */
export const Viewer = z.object({ viewer: z.object({ login: z.string().check(z.minLength(1)) }) });

/** An issue as `GET /issues` lists it (pull requests too, marked by `pull_request`). */
export const Issue = z.object({
  number: z.number(),
  body: z.optional(z.nullable(z.string())),
  pull_request: z.optional(z.nullable(z.object({}))),
  user: z.nullable(z.object({ login: z.string() })),
  performed_via_github_app: z.optional(
    z.nullable(z.object({ id: z.optional(z.number()), slug: z.optional(z.string()) })),
  ),
});
export const Issues = z.array(Issue);

/** `POST /repos/{owner}/{repo}/issues`: the number of the issue opened. */
export const CreatedIssue = z.object({ number: z.number() });

/** A page of `GET /actions/runs/{run_id}/jobs` (paginate hands over the `jobs` array). */
export const Jobs = z.array(
  z.object({
    id: z.number(),
    name: z.string(),
    conclusion: z.nullable(z.string()),
    html_url: z.optional(z.nullable(z.string())),
    steps: z.optional(z.array(z.object({ name: z.string(), conclusion: z.nullable(z.string()) }))),
  }),
);

/** `what` is the call, for the error: `GET /repos/o/r/actions/runs`. */
export function parse<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new Cd4mlError(
    'E_IO',
    `GitHub's answer to ${what} is not what its API documents${at}: ${issue?.message ?? 'invalid'}`,
    { hint: 'a GitHub Enterprise Server too old for this call, or a proxy rewriting answers' },
  );
}
