import { Cd4mlError } from '../../core/errors.js';
import { httpStatus } from '../../github/errors.js';
import type { Octokit } from './octokit.js';
import type { Repo } from '../../github/repo.js';
import {
  CreatedDeployment,
  DeploymentNotCreated,
  Tags,
  parse,
  type DeploymentPayload,
} from '../../github/schemas.js';

/** Every tag of the repository (paged) with the commit it points to. */
export async function listTags(
  octokit: Octokit,
  repo: Repo,
): Promise<Array<{ name: string; sha: string }>> {
  const tags = await octokit.paginate(octokit.rest.repos.listTags, { ...repo, per_page: 100 });
  return parse(Tags, tags, 'GET /repos/{owner}/{repo}/tags').map((t) => ({
    name: t.name,
    sha: t.commit.sha,
  }));
}

/** Creates a lightweight tag; false when it exists already (a concurrent delivery made it). */
export async function createTag(
  octokit: Octokit,
  repo: Repo,
  tag: string,
  sha: string,
): Promise<boolean> {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${tag}`, sha });
    return true;
  } catch (error) {
    if (httpStatus(error) === 422) return false;
    throw error;
  }
}

/**
 * A GitHub Deployment of a release tag to an environment. The deploy workflow (on
 * `deployment`) applies it and sets its status; the bot reports that status back.
 */
export async function createDeployment(
  octokit: Octokit,
  repo: Repo,
  tag: string,
  environment: string,
  payload: DeploymentPayload,
  description: string,
): Promise<number> {
  const route = 'POST /repos/{owner}/{repo}/deployments';
  const { status, data } = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: tag,
    environment,
    auto_merge: false,
    required_contexts: [],
    production_environment: environment === 'production',
    description: description.slice(0, 140),
    payload: { ...payload },
  });
  // 202 instead of 201: GitHub tried to merge the default branch into the ref first.
  if (status === 202) {
    const { message } = parse(DeploymentNotCreated, data, route);
    throw new Cd4mlError(
      'E_USAGE',
      `GitHub did not create the deployment of ${tag} to ${environment}: ${message ?? 'no reason given'}`,
      {
        hint: `check that the tag ${tag} exists and the environment's protection rules allow it, then deploy again with \`/cd4ml rollback ${tag}\``,
      },
    );
  }
  return parse(CreatedDeployment, data, route).id;
}
