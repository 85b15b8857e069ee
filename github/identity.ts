/**
 * Who "this app" is on GitHub, to tell our comments and check runs from anyone else's.
 * As a GitHub App: its id (comments carry `performed_via_github_app.id`). Inside Actions
 * with the job's token: the bot login the token writes as (`github-actions[bot]`).
 */
export interface AppIdentity {
  appId: number | null;
  login: string | null;
}

interface Authored {
  user?: { login?: string } | null;
  performed_via_github_app?: { id?: number | null } | null;
  app?: { id?: number | null } | null;
}

/** Was this comment or check run written by this app? */
export function isOurs(item: Authored, me: AppIdentity): boolean {
  const app = item.performed_via_github_app ?? item.app;
  if (me.appId !== null && app?.id === me.appId) return true;
  return me.login !== null && item.user?.login === me.login;
}
