// Who a token writes as comes from GraphQL's `viewer`, parsed at the boundary: an answer
// without a login is an E_IO naming the query and the field, not a later TypeError.
import { describe, expect, it } from 'vitest';
import { tokenIdentity } from './identity.js';

const answering = (answer: unknown) => ({ graphql: () => Promise.resolve(answer) });

describe('tokenIdentity', () => {
  it("is the viewer's login, with no app id", async () => {
    await expect(
      tokenIdentity(answering({ viewer: { login: 'github-actions[bot]', id: 'x' } })),
    ).resolves.toEqual({ appId: null, login: 'github-actions[bot]' });
  });

  it.each([
    { name: 'no viewer', answer: {}, at: 'viewer' },
    { name: 'a numeric login', answer: { viewer: { login: 7 } }, at: 'viewer.login' },
    { name: 'an empty login', answer: { viewer: { login: '' } }, at: 'viewer.login' },
  ])('an answer with $name is an E_IO naming the query and $at', async ({ answer, at }) => {
    await expect(tokenIdentity(answering(answer))).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringContaining(
        `GitHub's answer to GraphQL query Cd4mlViewer { viewer { login } } is not what its API documents at ${at}:`,
      ) as unknown,
    });
  });
});
