import { z } from 'zod';
import { Cd4mlError } from '../errors.js';

/**
 * The release manifest: what a release reviewed and published, model by model, with each
 * model file's sha256. The release action writes it as `cd4ml-release.json` at the root of
 * the model repository it bakes into the serving image (and uploads it with the release);
 * `cd4ml serve --verify-models` loads only model files whose sha256 it lists.
 */

/** Its file name at the root of a model repository. */
export const RELEASE_MANIFEST_FILE = 'cd4ml-release.json';
export const RELEASE_MANIFEST_SCHEMA = 'cd4ml.release/v1';

const manifestSchema = z.object({
  schema: z.literal(RELEASE_MANIFEST_SCHEMA),
  tag: z.string(),
  commit: z.string(),
  models: z.array(
    z.object({
      name: z.string().min(1),
      version: z.number().int().nonnegative(),
      /** Relative to the model repository: `<name>/<version>/model.onnx`. */
      file: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
    }),
  ),
});

export type ReleaseManifest = z.infer<typeof manifestSchema>;

/** Parses a manifest's text; `where` (a path) names it in errors. */
export function parseReleaseManifest(text: string, where: string): ReleaseManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Cd4mlError('E_USAGE', `the release manifest is not JSON: ${String(error)}`, {
      location: { file: where },
      hint: `use the ${RELEASE_MANIFEST_FILE} the release action wrote (a release asset, and /models/${RELEASE_MANIFEST_FILE} in its image)`,
    });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Cd4mlError('E_USAGE', `not a release manifest: ${issue?.message ?? 'invalid'}`, {
      location: { file: where, field: issue?.path.join('.') || undefined },
      hint: `expected {"schema": "${RELEASE_MANIFEST_SCHEMA}", "models": [{name, version, file, sha256}]}`,
    });
  }
  return parsed.data;
}

/**
 * Why model `name` version `version` with file hash `sha256` must not be served under
 * `manifest`, or undefined when the manifest lists exactly that file.
 */
export function manifestProblem(
  manifest: ReleaseManifest,
  name: string,
  version: number,
  sha256: string,
): string | undefined {
  const entry = manifest.models.find((m) => m.name === name && m.version === version);
  if (!entry) {
    return `model ${name} version ${version} is not in the release manifest of ${manifest.tag} (it lists ${
      manifest.models.map((m) => `${m.name}/${m.version}`).join(', ') || 'no models'
    })`;
  }
  if (entry.sha256 !== sha256) {
    return `model ${name} version ${version} has sha256 ${sha256}, but the release manifest of ${manifest.tag} says ${entry.sha256}: the file is not the one released`;
  }
  return undefined;
}
