import { Unzip, UnzipInflate } from 'fflate';
import {
  FIXED_ENTRIES,
  entryCap,
  isAllowedAttachment,
  unsafeEntryName,
  type ArtifactLimits,
} from './layout.js';

/** Bytes of zip fed to the inflater at a time: one step inflates to at most ~1032× this. */
const ZIP_CHUNK = 8 * 1024;

/**
 * The entries of a zipped run artifact that the layout allows, inflated in memory, or why the
 * archive is refused (the first cap it crosses). Inflation is streamed a few KB of input at
 * a time and stops at the first crossed cap, so a zip bomb is never inflated into memory;
 * entries the layout does not allow are skipped without inflating them.
 */
export function unzipEntries(
  zip: Uint8Array,
  limits: ArtifactLimits,
): { entries: Map<string, Uint8Array> } | { failure: string } {
  const kept = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  // A holder, not a `let`: the callbacks below set it, and TypeScript narrows a `let` for good.
  const state: { failure: string | null } = { failure: null };
  let entries = 0;
  let total = 0;
  const ratioCap = Math.max(limits.ratioFloorBytes, limits.ratio * zip.length);
  const fail = (message: string): void => {
    state.failure ??= message;
  };
  const unzip = new Unzip((file) => {
    if (state.failure) return;
    const name = file.name;
    if (++entries > limits.entries) return fail(`has more than ${limits.entries} entries`);
    const unsafe = unsafeEntryName(name);
    if (unsafe) return fail(`entry "${name}" ${unsafe}`);
    if (name.endsWith('/')) return;
    if (seen.has(name)) return fail(`entry "${name}" appears twice`);
    seen.add(name);
    if (!FIXED_ENTRIES.includes(name) && !isAllowedAttachment(name)) return;
    const cap = entryCap(name, limits);
    if (file.originalSize !== undefined && file.originalSize > cap)
      return fail(`entry "${name}" is ${file.originalSize} bytes, over the ${cap}-byte cap`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (state.failure) return;
      if (error) return fail(`entry "${name}" cannot be inflated: ${error.message}`);
      size += data.length;
      total += data.length;
      if (size > cap) return fail(`entry "${name}" inflates past its ${cap}-byte cap`);
      if (total > limits.totalBytes)
        return fail(`entries inflate past the ${limits.totalBytes}-byte total cap at "${name}"`);
      if (total > ratioCap)
        return fail(
          `entry "${name}" inflates past ${limits.ratio}× the archive's size (a zip bomb?)`,
        );
      if (data.length > 0) chunks.push(data);
      if (final) kept.set(name, concat(chunks, size));
    };
    try {
      file.start();
    } catch (error) {
      fail(`entry "${name}" cannot be read: ${(error as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < zip.length && !state.failure; at += ZIP_CHUNK) {
      unzip.push(zip.subarray(at, at + ZIP_CHUNK), at + ZIP_CHUNK >= zip.length);
    }
  } catch (error) {
    fail(`is not a valid zip archive: ${(error as Error).message}`);
  }
  return state.failure ? { failure: state.failure } : { entries: kept };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
