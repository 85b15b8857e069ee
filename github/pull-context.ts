/**
 * What the gate needs to know about a pull request before it writes, in ONE GraphQL
 * request where REST takes four or more: our sticky comment among the PR's comments (the
 * oldest 100 and the newest 100 by aliases; the middle is paged only past 200), our check
 * runs on the head commit by name, and the policy file at a commit
 * (`object(expression: "<sha>:<path>")`). "Ours" is GitHub's own answer for the token:
 * `viewerDidAuthor` for comments (a pasted marker, or another bot's comment, is not
 * ours), the check suite's app for check runs (by id when known, else by the slug of the
 * token's `<slug>[bot]` login). Answers are parsed at this boundary (Zod), as REST's are.
 */
import * as z from '../core/yaml/zod.js';
import type { GraphQLClient } from './client.js';
import { isOurs, type AppIdentity } from './identity.js';
import type { Repo } from './repo.js';
import { fileTooBig } from './run-history.js';
import { parse } from './schemas.js';
import { stickyOf, type StickyComment } from './sticky-comment.js';

const Comment = z.object({
  databaseId: z.number(),
  body: z.string(),
  url: z.optional(z.string()),
  viewerDidAuthor: z.boolean(),
});
const PageInfo = z.object({
  hasNextPage: z.optional(z.boolean()),
  endCursor: z.optional(z.nullable(z.string())),
});
const CommentPage = z.object({ pageInfo: PageInfo, nodes: z.array(Comment) });
const CheckSuites = z.object({
  nodes: z.array(
    z.object({
      app: z.nullable(
        z.object({ databaseId: z.optional(z.nullable(z.number())), slug: z.optional(z.string()) }),
      ),
      checkRuns: z.nullable(
        z.object({
          nodes: z.array(
            z.object({
              databaseId: z.number(),
              status: z.string(),
              conclusion: z.nullable(z.string()),
            }),
          ),
        }),
      ),
    }),
  ),
});
const PullContextAnswer = z.object({
  repository: z.nullable(
    z.object({
      pullRequest: z.nullable(
        z.object({
          oldest: z.extend(CommentPage, { totalCount: z.number() }),
          newest: CommentPage,
        }),
      ),
      file: z.nullable(
        z.object({
          text: z.optional(z.nullable(z.string())),
          byteSize: z.optional(z.number()),
          isTruncated: z.optional(z.boolean()),
        }),
      ),
      head: z.nullable(z.object({ checkSuites: z.optional(CheckSuites) })),
    }),
  ),
});
const CommentsAnswer = z.object({
  repository: z.nullable(
    z.object({ pullRequest: z.nullable(z.object({ comments: CommentPage })) }),
  ),
});

const STICKY_FIELDS = 'databaseId body url viewerDidAuthor';

/** The one request: comments (both ends), the file, our check runs. */
export const PULL_CONTEXT_QUERY = `query Cd4mlPullContext($owner: String!, $name: String!, $number: Int!, $file: String!, $head: GitObjectID!, $checkName: String!, $appId: Int) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      oldest: comments(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ${STICKY_FIELDS} } }
      newest: comments(last: 100) { pageInfo { hasPreviousPage startCursor } nodes { ${STICKY_FIELDS} } }
    }
    file: object(expression: $file) { ... on Blob { text byteSize isTruncated } }
    head: object(oid: $head) {
      ... on Commit {
        checkSuites(first: 20, filterBy: { appId: $appId, checkName: $checkName }) {
          nodes {
            app { databaseId slug }
            checkRuns(first: 20, filterBy: { checkName: $checkName, checkType: LATEST }) { nodes { databaseId status conclusion } }
          }
        }
      }
    }
  }
}`;

/** The comments between the two ends, a page at a time (only on a PR with over 200). */
export const PULL_COMMENTS_QUERY = `query Cd4mlPullComments($owner: String!, $name: String!, $number: Int!, $after: String!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${STICKY_FIELDS} } }
    }
  }
}`;

export interface PullContextRequest {
  repo: Repo;
  number: number;
  /** The file to read and the commit it is read at (the policy at the merge-base). */
  file: { commit: string; path: string; maxBytes: number };
  headSha: string;
  checkName: string;
  me: AppIdentity;
  marker: string;
}

/** Our newest check run of the name on the head commit. */
export interface OurCheckRun {
  id: number;
  status: string;
  conclusion: string | null;
}

export interface PullContext {
  /** The file's text; null: no such file; undefined: GraphQL could not give it whole (read it by REST). */
  file: string | null | undefined;
  sticky: StickyComment | null;
  check: OurCheckRun | null;
}

type CommentNode = z.infer<typeof Comment>;

export async function readPullContext(
  github: GraphQLClient,
  request: PullContextRequest,
): Promise<PullContext> {
  const { repo, file } = request;
  const variables = {
    owner: repo.owner,
    name: repo.repo,
    number: request.number,
    file: `${file.commit}:${file.path}`,
    head: request.headSha,
    checkName: request.checkName,
    appId: request.me.appId,
  };
  const answer = parse(
    PullContextAnswer,
    await github.graphql(PULL_CONTEXT_QUERY, variables),
    'GraphQL query Cd4mlPullContext',
  );
  const repository = answer.repository;
  const pull = repository?.pullRequest ?? null;
  const comments = pull ? await allComments(github, request, pull) : [];
  return {
    file: fileText(repository?.file ?? null, file),
    sticky: stickyOf(
      comments
        .filter((c) => c.viewerDidAuthor && c.body.includes(request.marker))
        .map((c) => ({ id: c.databaseId, body: c.body, url: c.url })),
    ),
    check: newestCheck(repository?.head?.checkSuites, request.me),
  };
}

/** Every comment in order, each once: the oldest page, the middle (paged), the newest page. */
async function allComments(
  github: GraphQLClient,
  request: PullContextRequest,
  pull: { oldest: z.infer<typeof CommentPage>; newest: z.infer<typeof CommentPage> },
): Promise<CommentNode[]> {
  const newestIds = new Set(pull.newest.nodes.map((c) => c.databaseId));
  const list = [...pull.oldest.nodes];
  let page = pull.oldest.pageInfo;
  // The two ends overlap (≤ 200 comments) or meet: nothing in between to read.
  const met = () => list.some((c) => newestIds.has(c.databaseId));
  while (page.hasNextPage && page.endCursor && !met() && newestIds.size > 0) {
    const answer = parse(
      CommentsAnswer,
      await github.graphql(PULL_COMMENTS_QUERY, {
        owner: request.repo.owner,
        name: request.repo.repo,
        number: request.number,
        after: page.endCursor,
      }),
      'GraphQL query Cd4mlPullComments',
    );
    const comments = answer.repository?.pullRequest?.comments;
    if (!comments) break;
    list.push(...comments.nodes);
    page = comments.pageInfo;
  }
  const seen = new Set<number>();
  return [...list, ...pull.newest.nodes].filter((c) => {
    if (seen.has(c.databaseId)) return false;
    seen.add(c.databaseId);
    return true;
  });
}

function newestCheck(
  suites: z.infer<typeof CheckSuites> | undefined,
  me: AppIdentity,
): OurCheckRun | null {
  const runs = (suites?.nodes ?? [])
    .filter((suite) =>
      isOurs({ app: suite.app && { id: suite.app.databaseId, slug: suite.app.slug } }, me),
    )
    .flatMap((suite) => suite.checkRuns?.nodes ?? []);
  const newest = runs.sort((a, b) => b.databaseId - a.databaseId)[0];
  // GraphQL's enums are upper case (`IN_PROGRESS`); REST's, which the rest of the bot speaks, lower.
  return newest
    ? {
        id: newest.databaseId,
        status: newest.status.toLowerCase(),
        conclusion: newest.conclusion?.toLowerCase() ?? null,
      }
    : null;
}

function fileText(
  blob: { text?: string | null; byteSize?: number; isTruncated?: boolean } | null,
  file: PullContextRequest['file'],
): string | null | undefined {
  if (blob === null) return null;
  if ((blob.byteSize ?? 0) > file.maxBytes) {
    throw fileTooBig(file.path, file.commit, file.maxBytes);
  }
  return blob.isTruncated || typeof blob.text !== 'string' ? undefined : blob.text;
}
