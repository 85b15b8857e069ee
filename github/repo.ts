/** A repository as Octokit's REST methods take it. */
export interface Repo {
  owner: string;
  repo: string;
}

export function repoOf(payload: { repository: { name: string; owner: { login: string } } }): Repo {
  return { owner: payload.repository.owner.login, repo: payload.repository.name };
}
