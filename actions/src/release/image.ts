/**
 * What the release action's image step pushes: the image name and tags (checked before
 * anything is downloaded or built), its OCI labels, and the release manifest baked into the
 * image beside the model (`cd4ml serve --verify-models` reads it).
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkImageName,
  defaultImageName,
  imageLabels,
  imageTags,
} from '../../../core/deploy/image.js';
import {
  RELEASE_MANIFEST_FILE,
  RELEASE_MANIFEST_SCHEMA,
  type ReleaseManifest,
} from '../../../core/deploy/release-manifest.js';
import { Cd4mlError } from '../../../core/errors.js';
import type { ActionContext } from '../context.js';
import { inputError, type ReleaseInputs } from '../inputs.js';

/** The step outputs `image` (no tag), `image-tags` and `prerelease`; E_USAGE naming the input at fault. */
export function imageOutputs(
  inputs: ReleaseInputs,
  context: ActionContext,
): Record<string, string> {
  const image = inputs.image
    ? checkImageName(inputs.image, 'input "image"')
    : checkImageName(defaultImageName(inputs.registry, context.fullName), 'input "registry"');
  let tags;
  try {
    tags = imageTags(inputs.tag);
  } catch (error) {
    if (!(error instanceof Cd4mlError)) throw error;
    throw inputError('tag', error.message.split('\n')[0] ?? '', error.hint ?? '');
  }
  return {
    image,
    'image-tags': tags.tags.join('\n'),
    'image-version': tags.version,
    prerelease: String(tags.prerelease),
  };
}

/** The `image-labels` output (key=value lines) for the commit being released. */
export function labelsOutput(
  context: ActionContext,
  inputs: ReleaseInputs,
  commit: string,
): string {
  return imageLabels({
    source: `${context.serverUrl}/${context.fullName}`,
    revision: commit,
    version: imageTags(inputs.tag).version,
    created: new Date().toISOString(),
    licenses: inputs.licenses,
  }).join('\n');
}

/** Writes `<repository>/cd4ml-release.json` for the one model released; returns its sha256. */
export async function writeManifest(
  repository: string,
  m: { tag: string; commit: string; name: string; version: number; onnx: Uint8Array },
): Promise<string> {
  const sha256 = createHash('sha256').update(m.onnx).digest('hex');
  const manifest: ReleaseManifest = {
    schema: RELEASE_MANIFEST_SCHEMA,
    tag: m.tag,
    commit: m.commit,
    models: [
      { name: m.name, version: m.version, file: `${m.name}/${m.version}/model.onnx`, sha256 },
    ],
  };
  await writeFile(
    join(repository, RELEASE_MANIFEST_FILE),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  return sha256;
}
