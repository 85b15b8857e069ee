/**
 * The release action's `publish` step: after the image is pushed, create the GitHub Release
 * as a draft (or take the draft a failed earlier attempt left), upload the model, its
 * manifest and the report, then publish it (immutable releases refuse assets added later).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { RELEASE_MANIFEST_FILE } from '../../../core/deploy/release-manifest.js';
import { Cd4mlError } from '../../../core/errors.js';
import { MODEL_FILE } from '../../../core/run-artifact/model.js';
import type { ActionContext } from '../context.js';
import { apiError, httpStatus } from '../../../github/errors.js';
import type { GitHub } from '../github.js';
import type { ReleaseInputs } from '../inputs.js';
import { parse } from '../../../github/schemas.js';
import { Release, Releases } from './schemas.js';

export async function publish(
  github: GitHub,
  context: ActionContext,
  inputs: ReleaseInputs,
  outDir: string,
): Promise<void> {
  const { tag, draftOnly } = inputs;
  const notes = await readFile(join(outDir, 'report.md'), 'utf8').catch(() => {
    throw new Cd4mlError('E_USAGE', `${join(outDir, 'report.md')} is missing`, {
      hint: 'run the release action’s prepare step first (the composite action does)',
    });
  });
  const report = inputs.imageRef ? `${notes}\n\nServing image: \`${inputs.imageRef}\`\n` : notes;
  const modelFile = await findModel(join(outDir, 'models'));
  let release = await existingRelease(github, context, tag);
  if (release && !release.draft) {
    core.notice(`Release ${tag} is already published (${release.html_url}); nothing to do.`);
    core.setOutput('release-url', release.html_url);
    return;
  }
  try {
    release ??= parse(
      Release,
      (
        await github.request('POST /repos/{owner}/{repo}/releases', {
          ...context.repo,
          tag_name: tag,
          name: tag,
          body: report,
          draft: true,
        })
      ).data,
      `POST /repos/${context.fullName}/releases`,
    );
    const assets = [
      { name: MODEL_FILE, data: await readFile(modelFile), type: 'application/octet-stream' },
      {
        name: RELEASE_MANIFEST_FILE,
        data: await readFile(join(outDir, 'models', RELEASE_MANIFEST_FILE)),
        type: 'application/json',
      },
      { name: 'report.md', data: Buffer.from(report), type: 'text/markdown' },
    ];
    const present = new Set(release.assets?.map((a) => a.name) ?? []);
    for (const asset of assets) {
      if (present.has(asset.name)) continue;
      await github.request({
        method: 'POST',
        // The URL is a template (`…/assets{?name,label}`): name the asset ourselves.
        url: `${release.upload_url.replace(/\{\?[^}]*\}$/, '')}?name=${encodeURIComponent(asset.name)}`,
        data: asset.data,
        headers: { 'content-type': asset.type, 'content-length': asset.data.length },
      });
    }
    if (!draftOnly) {
      const id = release.id;
      release = parse(
        Release,
        (
          await github.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', {
            ...context.repo,
            release_id: id,
            draft: false,
          })
        ).data,
        `PATCH /repos/${context.fullName}/releases/${id}`,
      );
    }
  } catch (error) {
    throw apiError(error, `creating the release ${tag}`, 'contents: write');
  }
  core.setOutput('release-url', release.html_url);
  core.setOutput('release-id', String(release.id));
  await core.summary
    .addRaw(`Release: [${tag}](${release.html_url})${draftOnly ? ' (draft)' : ''}\n`)
    .write();
}

/**
 * The release of `tag`, published or draft. `GET /releases/tags/{tag}` finds only published
 * ones, so a draft that an earlier attempt (a re-run) left is looked for in the list, which
 * shows drafts to a token with push access; without it a re-run would make a second draft.
 */
async function existingRelease(
  github: GitHub,
  context: ActionContext,
  tag: string,
): Promise<Release | null> {
  const published = await releaseByTag(github, context, tag);
  if (published) return published;
  try {
    for await (const page of github.paginate.iterator('GET /repos/{owner}/{repo}/releases', {
      ...context.repo,
      per_page: 100,
    })) {
      const releases = parse(Releases, page.data, `GET /repos/${context.fullName}/releases`);
      const draft = releases.find((r) => r.draft && r.tag_name === tag);
      if (draft) return draft;
    }
  } catch (error) {
    throw apiError(error, `listing the releases (drafts of ${tag})`, 'contents: write');
  }
  return null;
}

async function releaseByTag(
  github: GitHub,
  context: ActionContext,
  tag: string,
): Promise<Release | null> {
  let response;
  try {
    response = await github.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', {
      ...context.repo,
      tag,
    });
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw apiError(error, `looking up the release of ${tag}`, 'contents: write');
  }
  return parse(Release, response.data, `GET /repos/${context.fullName}/releases/tags/${tag}`);
}

async function findModel(repository: string): Promise<string> {
  const entries = await readdir(repository, { withFileTypes: true }).catch(() => []);
  for (const model of entries.filter((e) => e.isDirectory())) {
    for (const version of await readdir(join(repository, model.name))) {
      return join(repository, model.name, version, MODEL_FILE);
    }
  }
  throw new Cd4mlError('E_USAGE', `no model in ${repository}`, {
    hint: 'run the prepare step first',
  });
}
