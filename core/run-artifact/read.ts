import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { SourcedRun } from '../gate/port.js';
import { artifactError, assembleArtifact, decode, type RunArtifact } from './assemble.js';
import {
  ARTIFACT_LIMITS,
  FIXED_ENTRIES,
  entryCap,
  isAllowedAttachment,
  unsafeEntryName,
  type ArtifactLimits,
} from './layout.js';
import { unzipEntries } from './unzip.js';

/**
 * Reads a zipped run artifact (as downloaded from the Actions API) in memory, never on
 * disk. Hostile archives are refused with `E_ARTIFACT` naming the entry: unsafe names
 * (zip-slip), duplicate names, more entries than the cap, an entry or the total over its
 * byte cap, or an inflate ratio past the cap (`unzipEntries` streams the inflation, so a
 * zip bomb is never inflated into memory).
 */
export function readRunArtifactZip(
  zip: Uint8Array,
  source: string,
  limits: ArtifactLimits = ARTIFACT_LIMITS,
): RunArtifact {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) {
    throw artifactError(source, 'is not a zip archive', 'pass the artifact as downloaded (a .zip)');
  }
  if (zip.length > limits.totalBytes) {
    throw artifactError(
      source,
      `is ${zip.length} bytes, over the ${limits.totalBytes}-byte cap of a whole run artifact`,
    );
  }
  const unzipped = unzipEntries(zip, limits);
  if ('failure' in unzipped) throw artifactError(source, unzipped.failure);
  return assembleArtifact(unzipped.entries, source);
}

/**
 * Reads a run artifact directory (as `cd4ml record --dir` wrote it, or as a download was
 * unpacked) with the same allow-list and caps as a zip. Symbolic links are refused: an
 * artifact is plain files.
 */
export async function readRunArtifactDir(
  dir: string,
  source: string = dir,
  limits: ArtifactLimits = ARTIFACT_LIMITS,
): Promise<RunArtifact> {
  const kept = new Map<string, Uint8Array>();
  let entries = 0;
  let total = 0;
  const walk = async (rel: string): Promise<void> => {
    const items = await readdir(join(dir, rel), { withFileTypes: true });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const item of items) {
      const name = rel ? `${rel}/${item.name}` : item.name;
      if (++entries > limits.entries)
        throw artifactError(source, `has more than ${limits.entries} entries`);
      const unsafe = unsafeEntryName(name);
      if (unsafe) throw artifactError(source, `entry "${name}" ${unsafe}`);
      if (item.isSymbolicLink()) throw artifactError(source, `entry "${name}" is a symbolic link`);
      if (item.isDirectory()) {
        await walk(name);
        continue;
      }
      if (!item.isFile()) continue;
      if (!FIXED_ENTRIES.includes(name) && !isAllowedAttachment(name)) continue;
      const cap = entryCap(name, limits);
      const { size } = await lstat(join(dir, name));
      if (size > cap)
        throw artifactError(source, `entry "${name}" is ${size} bytes, over the ${cap}-byte cap`);
      total += size;
      if (total > limits.totalBytes)
        throw artifactError(
          source,
          `entries are past the ${limits.totalBytes}-byte total cap at "${name}"`,
        );
      kept.set(name, await readFile(join(dir, name)));
    }
  };
  try {
    await walk('');
  } catch (error) {
    if (error instanceof Cd4mlError) throw error;
    throw artifactError(
      source,
      `cannot read the run artifact directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'pass a directory `cd4ml record --dir` wrote, or the downloaded .zip',
      error,
    );
  }
  return assembleArtifact(kept, source);
}

/** The gate's view of an artifact: attachments served from memory, history carried along. */
export function artifactRun(artifact: RunArtifact): SourcedRun {
  return {
    record: artifact.record,
    source: artifact.source,
    ...(artifact.history ? { carriedHistory: artifact.history } : {}),
    ...(artifact.shadow ? { shadow: artifact.shadow } : {}),
    readAttachment(path, maxBytes) {
      const unsafe = unsafeEntryName(path);
      if (unsafe) {
        return Promise.reject(
          artifactError(
            artifact.source,
            `attachment "${path}" ${unsafe}: it would leave the artifact`,
          ),
        );
      }
      const data = artifact.files.get(path);
      if (!data) return Promise.resolve(null);
      if (data.length > maxBytes) {
        return Promise.reject(
          artifactError(
            artifact.source,
            `attachment "${path}" is ${data.length} bytes, over the ${maxBytes}-byte limit`,
          ),
        );
      }
      return Promise.resolve(decode(data));
    },
  };
}
