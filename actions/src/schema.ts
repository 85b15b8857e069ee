/**
 * The parts of GitHub's payloads and REST responses the actions read, validated leniently
 * (unknown fields pass through; what we use must be there and have the right type).
 */
import * as z from '../../core/yaml/zod.js';

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
  head_sha: z.string(),
  head_branch: z.nullable(z.string()),
  event: z.string(),
  status: z.nullable(z.string()),
  conclusion: z.nullable(z.string()),
  html_url: z.optional(z.string()),
  created_at: z.optional(z.string()),
  head_repository: z.nullable(z.optional(RepoRef)),
});
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const WorkflowRuns = z.object({ workflow_runs: z.array(WorkflowRun) });

export const Artifact = z.object({
  id: z.number(),
  name: z.string(),
  size_in_bytes: z.number(),
  expired: z.boolean(),
});
export type Artifact = z.infer<typeof Artifact>;

export const Artifacts = z.object({ artifacts: z.array(Artifact) });

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
});
export type IssueComment = z.infer<typeof IssueComment>;

export const Release = z.object({
  id: z.number(),
  html_url: z.string(),
  upload_url: z.string(),
  draft: z.boolean(),
});
export type Release = z.infer<typeof Release>;
