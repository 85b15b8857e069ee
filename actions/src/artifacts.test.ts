// The release action's artifact downloads parse GitHub's answers at the boundary: a listing
// without a documented field, or a download that is not a zip, is an E_IO naming the call.
import { describe, expect, it } from 'vitest';
import { restArtifacts } from './artifacts.js';
import { createGitHub } from './github.js';

const repo = { owner: 'octo', repo: 'ml' };

/** GitHub answering `listing` for the run's artifacts and `download` for the zip. */
function github(listing: unknown, download: { body: string | Uint8Array; type: string }) {
  const fetch = (input: string | URL | Request): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const zip = url.pathname.endsWith('/zip');
    const response = zip
      ? new Response(download.body, { headers: { 'content-type': download.type } })
      : new Response(JSON.stringify(listing), { headers: { 'content-type': 'application/json' } });
    Object.defineProperty(response, 'url', { value: url.href });
    return Promise.resolve(response);
  };
  return createGitHub('ghs_test', { baseUrl: 'https://api.github.com', fetch, retries: 0 });
}

const artifact = { id: 9, name: 'cd4ml-model', size_in_bytes: 3, expired: false };
const zip = { body: new Uint8Array([80, 75, 5]), type: 'application/zip' };

describe('release artifacts from the REST API', () => {
  it('downloads the named, unexpired artifact as zip bytes', async () => {
    const got = await restArtifacts(
      github({ total_count: 1, artifacts: [artifact] }, zip),
      repo,
    ).download(5, 'cd4ml-model', 100);
    expect(got).toEqual({ kind: 'zip', bytes: new Uint8Array([80, 75, 5]) });
  });

  it('a listing without a documented field is an E_IO naming the call and the field', async () => {
    const listing = { total_count: 1, artifacts: [{ ...artifact, expired: undefined }] };
    await expect(
      restArtifacts(github(listing, zip), repo).download(5, 'cd4ml-model', 100),
    ).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringMatching(
        /^GitHub's answer to GET \/repos\/\{owner\}\/\{repo\}\/actions\/runs\/5\/artifacts is not what its API documents at artifacts\.0\.expired:/,
      ) as unknown,
    });
  });

  it('a download that is not a zip archive is an E_IO, not an empty artifact', async () => {
    const page = { body: '<html>sign in</html>', type: 'text/html' };
    await expect(
      restArtifacts(github({ total_count: 1, artifacts: [artifact] }, page), repo).download(
        5,
        'cd4ml-model',
        100,
      ),
    ).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringMatching(
        /artifacts\/9\/zip is not a zip archive \(string\)/,
      ) as unknown,
    });
  });
});
