/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- the webhook examples are untyped JSON, adapted field by field here; probot.receive() checks the event shape */
import { createRequire } from 'node:module';
import { ML_WORKFLOW_ID } from '../../github/testing/fake-repo.js';

interface Example {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

const examples = createRequire(import.meta.url)(
  '@octokit/webhooks-examples/api.github.com/index.json',
) as Example[];

/** A real webhook payload from @octokit/webhooks-examples (a deep copy to adapt). */
export function example(name: string, action: string, index = 0): Record<string, any> {
  const found = examples.find((e) => e.name === name)?.examples.filter((x) => x.action === action)[
    index
  ];
  if (!found) throw new Error(`no example ${name}.${action}[${index}]`);
  return structuredClone(found) as Record<string, any>;
}

/** The repository every test event is about: the one in the workflow_run example. */
export const REPOSITORY = example('workflow_run', 'completed', 2).repository as {
  id: number;
  full_name: string;
  name: string;
  owner: { login: string };
  default_branch: string;
};
export const INSTALLATION = { id: 77, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };

function inRepo(payload: Record<string, any>): Record<string, any> {
  payload.repository = structuredClone(REPOSITORY);
  payload.installation = INSTALLATION;
  return payload;
}

export interface RunEvent {
  runId: number;
  headSha: string;
  headBranch: string;
  event?: string;
  conclusion?: string;
  workflowId?: number;
  displayTitle?: string;
  /** The PR GitHub lists in the payload (same-repository PRs only). */
  pr?: { number: number; baseSha: string; baseRef?: string };
  /** The run's head repository is a fork owned by this login. */
  forkOwner?: string;
}

/** `workflow_run.completed` for one of our runs. */
export function workflowRunCompleted(run: RunEvent): {
  id: string;
  name: 'workflow_run';
  payload: any;
} {
  const payload = inRepo(example('workflow_run', 'completed', 2));
  const wr = payload.workflow_run;
  wr.id = run.runId;
  wr.head_sha = run.headSha;
  wr.head_branch = run.headBranch;
  wr.event = run.event ?? 'pull_request';
  wr.conclusion = run.conclusion ?? 'success';
  wr.workflow_id = run.workflowId ?? ML_WORKFLOW_ID;
  wr.display_title = run.displayTitle ?? 'ML pipeline';
  wr.html_url = `https://github.com/${REPOSITORY.full_name}/actions/runs/${run.runId}`;
  wr.repository = structuredClone(REPOSITORY);
  wr.head_repository = structuredClone(REPOSITORY);
  if (run.forkOwner) {
    wr.head_repository.id = 999_001;
    wr.head_repository.full_name = `${run.forkOwner}/${REPOSITORY.name}`;
    wr.head_repository.owner = { ...wr.head_repository.owner, login: run.forkOwner };
  }
  wr.pull_requests = run.pr
    ? [
        {
          url: `https://api.github.com/repos/${REPOSITORY.full_name}/pulls/${run.pr.number}`,
          id: run.pr.number * 1000,
          number: run.pr.number,
          head: {
            ref: run.headBranch,
            sha: run.headSha,
            repo: { id: REPOSITORY.id, url: '', name: REPOSITORY.name },
          },
          base: {
            ref: run.pr.baseRef ?? 'main',
            sha: run.pr.baseSha,
            repo: { id: REPOSITORY.id, url: '', name: REPOSITORY.name },
          },
        },
      ]
    : [];
  return { id: `delivery-${run.runId}`, name: 'workflow_run', payload };
}

/** `pull_request.<action>` for PR `number`. */
export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'closed',
  pr: { number: number; headSha: string; baseSha: string; merged?: boolean; mergeSha?: string },
): { id: string; name: 'pull_request'; payload: any } {
  const payload = inRepo(
    example('pull_request', action === 'synchronize' ? 'synchronize' : action),
  );
  payload.number = pr.number;
  const p = payload.pull_request;
  p.number = pr.number;
  p.head.sha = pr.headSha;
  p.head.repo = structuredClone(REPOSITORY);
  p.base.sha = pr.baseSha;
  p.base.ref = 'main';
  p.base.repo = structuredClone(REPOSITORY);
  p.merged = pr.merged ?? false;
  p.merge_commit_sha = pr.mergeSha ?? null;
  return {
    id: `delivery-pr-${action}-${pr.number}-${pr.headSha.slice(0, 7)}`,
    name: 'pull_request',
    payload,
  };
}

/** `issue_comment.created` with `body` by `login`, on PR `number` (or an issue). */
export function issueComment(
  number: number,
  body: string,
  login: string,
  options: { onPullRequest?: boolean } = {},
): { id: string; name: 'issue_comment'; payload: any } {
  const payload = inRepo(example('issue_comment', 'created'));
  payload.issue.number = number;
  if (options.onPullRequest ?? true) {
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${REPOSITORY.full_name}/pulls/${number}`,
    };
  } else {
    delete payload.issue.pull_request;
  }
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type: 'User' };
  payload.sender = { ...payload.sender, login };
  return {
    id: `delivery-comment-${number}-${body.length}-${login}`,
    name: 'issue_comment',
    payload,
  };
}

/** `check_run.rerequested` on our check. */
export function checkRunRerequested(
  headSha: string,
  prNumbers: number[],
): { id: string; name: 'check_run'; payload: any } {
  const payload = inRepo(example('check_run', 'rerequested'));
  payload.check_run.name = 'cd4ml / model gate';
  payload.check_run.head_sha = headSha;
  payload.check_run.pull_requests = prNumbers.map((number) => ({
    number,
    id: number,
    url: '',
    head: { ref: 'x', sha: headSha, repo: { id: REPOSITORY.id, url: '', name: REPOSITORY.name } },
    base: {
      ref: 'main',
      sha: '0'.repeat(40),
      repo: { id: REPOSITORY.id, url: '', name: REPOSITORY.name },
    },
  }));
  return { id: `delivery-rerequest-${headSha.slice(0, 7)}`, name: 'check_run', payload };
}

/** `check_suite.rerequested` ("Re-run all checks") of our suite on `headSha`. */
export function checkSuiteRerequested(
  headSha: string,
  prNumbers: number[],
): { id: string; name: 'check_suite'; payload: any } {
  const payload = inRepo(example('check_suite', 'rerequested'));
  payload.check_suite.head_sha = headSha;
  payload.check_suite.pull_requests = checkRunRerequested(
    headSha,
    prNumbers,
  ).payload.check_run.pull_requests;
  return { id: `delivery-suite-${headSha.slice(0, 7)}`, name: 'check_suite', payload };
}

/** `deployment_status.created` for a deployment the app (`appId`) created. */
export function deploymentStatus(
  deploymentId: number,
  deploymentPayload: unknown,
  state: string,
  appId: number,
): { id: string; name: 'deployment_status'; payload: any } {
  const payload = inRepo(example('deployment_status', 'created'));
  payload.deployment.id = deploymentId;
  payload.deployment.payload = deploymentPayload;
  payload.deployment.environment = 'production';
  payload.deployment.creator = { ...payload.deployment.creator, login: 'cd4ml[bot]', type: 'Bot' };
  payload.deployment.performed_via_github_app = { id: appId, slug: 'cd4ml', name: 'cd4ml' };
  payload.deployment_status.state = state;
  payload.deployment_status.description = 'Applied by the deploy workflow';
  payload.deployment_status.log_url = 'https://github.com/octo-org/octo-repo/actions/runs/5';
  return { id: `delivery-deploy-${deploymentId}-${state}`, name: 'deployment_status', payload };
}
