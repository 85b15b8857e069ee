/**
 * The fake GitHub's GraphQL endpoint (`POST /graphql`; `/api/graphql` on GHE): operations
 * are answered by their name, after the variables are checked against the operation's
 * declarations as GitHub's validator does (a required one missing or null, a value of the
 * wrong type, one not declared: a 200 with `errors`, which Octokit throws as a
 * GraphqlResponseError). The data of each operation is modelled on GitHub's schema
 * (docs.github.com/graphql/reference) by `./fake-repo.ts`, which registers it.
 */
import type { FakeGitHub, Reply } from './fake-github.js';
import type { FakeComment, FakeRepo } from './fake-repo.js';

/** An operation's data, or undefined when it is not this handler's (another repository's). */
export type Operation = (variables: Record<string, unknown>) => unknown;

const SCALARS: Record<string, (value: unknown) => boolean> = {
  String: (v) => typeof v === 'string',
  Int: (v) => Number.isInteger(v),
  Boolean: (v) => typeof v === 'boolean',
  ID: (v) => typeof v === 'string',
  GitObjectID: (v) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v),
};

/** `$name: Type` declarations of a named operation, and its name. */
export function parseOperation(
  query: string,
): { name: string; variables: Map<string, string> } | null {
  const head = /^\s*(?:query|mutation)\s+(\w+)\s*(?:\(([^)]*)\))?\s*\{/.exec(query);
  if (!head?.[1]) return null;
  const variables = new Map<string, string>();
  for (const [, name, type] of (head[2] ?? '').matchAll(/\$(\w+)\s*:\s*([\w![\]]+)/g)) {
    variables.set(name!, type!);
  }
  return { name: head[1], variables };
}

function variableProblems(declared: Map<string, string>, given: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) problems.push(`Variable $${name} is not declared by the operation`);
  }
  for (const [name, type] of declared) {
    const value = given[name];
    const required = type.endsWith('!');
    const scalar = type.replace(/!$/, '');
    if (value === undefined || value === null) {
      if (required) problems.push(`Variable $${name} of type ${type} was provided invalid value`);
      continue;
    }
    const valid = SCALARS[scalar];
    if (!valid) problems.push(`Variable $${name}: the fake GitHub does not model type ${type}`);
    else if (!valid(value))
      problems.push(`Variable $${name} of type ${type} was provided invalid value`);
  }
  return problems;
}

/** GitHub's answer to a GraphQL request `body` with `operations` (newest registration first). */
export function answerGraphQL(operations: Map<string, Operation[]>, body: unknown): Reply {
  const { query, variables = {} } = (body ?? {}) as {
    query?: unknown;
    variables?: Record<string, unknown>;
  };
  const errors = (messages: string[]): Reply => ({
    body: { errors: messages.map((message) => ({ message })) },
  });
  if (typeof query !== 'string') return { status: 400, body: { message: 'Problems parsing JSON' } };
  const operation = parseOperation(query);
  if (!operation) return errors(['the fake GitHub answers named operations only']);
  const problems = variableProblems(operation.variables, variables);
  if (problems.length > 0) return errors(problems);
  for (const handler of operations.get(operation.name) ?? []) {
    const data = handler(variables);
    if (data !== undefined) return { body: { data } };
  }
  return errors([`the fake GitHub has no answer for operation ${operation.name}`]);
}

/** An opaque cursor for position `index` of a connection, and back. */
export const cursor = {
  at: (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64'),
  index: (value: string) => Number(Buffer.from(value, 'base64').toString().split(':')[2] ?? NaN),
};

/**
 * One repository's GraphQL data: `viewer` (the token's account), and a pull request's
 * comments (`first`/`last`/`after` pages with `totalCount` and `pageInfo`, each with
 * `viewerDidAuthor`), a blob by `object(expression: "<rev>:<path>")`, and a commit's
 * check suites by app with their check runs (`filterBy` app and check name; upper-case
 * enums, as GraphQL has them).
 */
export function mountGraphQL(repo: FakeRepo, github: FakeGitHub): void {
  const mine = (v: Record<string, unknown>) => v.owner === repo.owner && v.name === repo.name;
  const node = (c: FakeComment) => ({
    databaseId: c.id,
    body: c.body,
    url: `https://github.com/${repo.fullName}/pull/0#issuecomment-${c.id}`,
    viewerDidAuthor: c.user.login === repo.writer.login,
  });
  github
    .graphql('Cd4mlViewer', () => ({ viewer: { login: repo.writer.login } }))
    .graphql('Cd4mlPullContext', (v) => {
      if (!mine(v)) return undefined;
      const comments = repo.commentsOn(Number(v.number));
      const oldest = comments.slice(0, 100);
      const newestFrom = Math.max(0, comments.length - 100);
      const [rev = '', ...path] = String(v.file).split(':');
      const text = repo.fileAt(rev, path.join(':'));
      return {
        repository: {
          pullRequest: {
            oldest: {
              totalCount: comments.length,
              pageInfo: {
                hasNextPage: comments.length > 100,
                endCursor: oldest.length ? cursor.at(oldest.length - 1) : null,
              },
              nodes: oldest.map(node),
            },
            newest: {
              pageInfo: {
                hasPreviousPage: newestFrom > 0,
                startCursor: comments.length ? cursor.at(newestFrom) : null,
              },
              nodes: comments.slice(newestFrom).map(node),
            },
          },
          file:
            text === null ? null : { text, byteSize: Buffer.byteLength(text), isTruncated: false },
          head: { checkSuites: { nodes: checkSuites(repo, v) } },
        },
      };
    })
    .graphql('Cd4mlPullComments', (v) => {
      if (!mine(v)) return undefined;
      const comments = repo.commentsOn(Number(v.number));
      const from = cursor.index(String(v.after)) + 1;
      const page = comments.slice(from, from + 100);
      return {
        repository: {
          pullRequest: {
            comments: {
              pageInfo: {
                hasNextPage: from + 100 < comments.length,
                endCursor: page.length ? cursor.at(from + page.length - 1) : null,
              },
              nodes: page.map(node),
            },
          },
        },
      };
    });
}

/** The head commit's check suites (one per app), filtered as `filterBy` asks. */
function checkSuites(repo: FakeRepo, v: Record<string, unknown>) {
  const named = (name: string) => !v.checkName || name === v.checkName;
  const byApp = new Map<number, FakeRepo['checkRuns']>();
  for (const run of repo.checkRuns.filter((c) => c.head_sha === v.head)) {
    byApp.set(run.app.id, [...(byApp.get(run.app.id) ?? []), run]);
  }
  return [...byApp]
    .filter(
      ([appId, runs]) => (v.appId == null || appId === v.appId) && runs.some((r) => named(r.name)),
    )
    .map(([appId, runs]) => ({
      app: { databaseId: appId, slug: runs[0]?.app.slug ?? `app-${appId}` },
      checkRuns: {
        nodes: runs
          .filter((r) => named(r.name))
          .map((r) => ({
            databaseId: r.id,
            status: r.status.toUpperCase(),
            conclusion: r.conclusion?.toUpperCase() ?? null,
          })),
      },
    }));
}
