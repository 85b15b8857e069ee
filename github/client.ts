/**
 * The one thing the shared GitHub layer needs from an Octokit: `request` and
 * `paginate.iterator` by route string. Both adapters' clients fit (the actions' from
 * `@actions/github`, the bot's from Probot); responses are `unknown` here because every
 * one is parsed with a Zod schema (`./schemas.ts`) before it is used.
 */
export interface GitHubResponse {
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

export interface GitHubClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<GitHubResponse>;
  paginate: {
    iterator(route: string, parameters?: Record<string, unknown>): AsyncIterable<GitHubResponse>;
  };
}

/** GraphQL as Octokit's `graphql` takes it (the bot's Probot client and the actions' have it). */
export interface GraphQLClient {
  graphql(query: string, variables?: Record<string, unknown>): Promise<unknown>;
}
