import type { GraphQLClient } from './client.js';
import { Viewer, parse } from './schemas.js';
/**
 * Who "this app" is on GitHub, to tell our comments and check runs from anyone else's.
 * As a GitHub App: its id (comments carry `performed_via_github_app.id`, check runs
 * `app.id`). Inside Actions: the login the step's token writes as (`<app-slug>[bot]` for an
 * app's token, `github-actions[bot]` for the job's), which also names the app (its slug).
 */
export interface AppIdentity {
  appId: number | null;
  login: string | null;
}

interface Authored {
  user?: { login?: string } | null;
  performed_via_github_app?: { id?: number | null; slug?: string | null } | null;
  app?: { id?: number | null; slug?: string | null } | null;
}

/** The app a bot login writes for (`cd4ml-ci[bot]` → `cd4ml-ci`); null for a user. */
function appSlugOf(login: string | null): string | null {
  return login?.endsWith('[bot]') ? login.slice(0, -'[bot]'.length) : null;
}

/** Was this comment or check run written by this app? */
export function isOurs(item: Authored, me: AppIdentity): boolean {
  const app = item.performed_via_github_app ?? item.app;
  if (me.appId !== null && app?.id === me.appId) return true;
  const slug = appSlugOf(me.login);
  if (slug !== null && app?.slug === slug) return true;
  return me.login !== null && item.user?.login === me.login;
}

/**
 * Who a token writes as, from GraphQL's `viewer`, which answers for every kind of token —
 * the job's GITHUB_TOKEN (`github-actions[bot]`), an app installation token
 * (`<app-slug>[bot]`, e.g. from actions/create-github-app-token) and a user's PAT (the
 * user's login) — where REST's `GET /user` refuses installation tokens (403 "Resource not
 * accessible by integration"). The app's id is not needed: its slug is in the login.
 */
export async function tokenIdentity(github: GraphQLClient): Promise<AppIdentity> {
  const query = 'query Cd4mlViewer { viewer { login } }';
  const { login } = parse(Viewer, await github.graphql(query), `GraphQL ${query}`).viewer;
  return { appId: null, login };
}
