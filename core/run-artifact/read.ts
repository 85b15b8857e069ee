import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import { Cd4mlError } from '../errors.js';
import type { SourcedRun } from '../gate/port.js';
import { RUN_RECORD_LIMITS, parseRunRecord } from '../run-record/parse.js';
import type { RunRecord } from '../run-record/schema.js';
import { toShadowSummary, type ShadowSummary } from '../shadow/summary.js';
import { RunHistory, type HistoryEntry } from './history.js';
import {
  ARTIFACT_LIMITS,
  ArtifactManifest,
  FIXED_ENTRIES,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  SHADOW_ENTRY,
  isAllowedAttachment,
  unsafeEntryName,
} from './layout.js';

/** A run artifact read into memory: the record, its manifest and history, and its attachments. */
export interface RunArtifact {
  /** Where it came from (a path, `workflow run 123 (artifact cd4ml-run)`), for errors and notes. */
  source: string;
  /** `cd4ml-run.json`, parsed with the untrusted-record limits. */
  record: RunRecord;
  /** `cd4ml-artifact.json`; null for an artifact without one (a bare record upload). */
  manifest: ArtifactManifest | null;
  /** `cd4ml-history.json`'s runs, oldest first; null when absent. */
  history: HistoryEntry[] | null;
  /** Attachments by repository-relative path (only those the manifest lists, when it has one). */
  files: ReadonlyMap<string, Uint8Array>;
  /** `cd4ml-shadow.json`: live traffic on the candidate, when the run was recorded with one. */
  shadow: ShadowSummary | null;
}

/** The caps a read enforces; `ARTIFACT_LIMITS` unless a caller (a test) narrows them. */
export type ArtifactLimits = { readonly [K in keyof typeof ARTIFACT_LIMITS]: number };

/** Bytes of zip fed to the inflater at a time: one step inflates to at most ~1032× this. */
const ZIP_CHUNK = 8 * 1024;
/** Manifests and histories are small; a large one is hostile. */
const SMALL_ENTRY_BYTES = 8 * 1024 * 1024;

function artifactError(
  source: string,
  message: string,
  hint?: string,
  cause?: unknown,
): Cd4mlError {
  return new Cd4mlError('E_ARTIFACT', message, { location: { file: source }, hint, cause });
}

/** The inflated-size cap of one entry. */
function entryCap(name: string, limits: ArtifactLimits): number {
  if (name === RECORD_ENTRY) return Math.min(limits.entryBytes, RUN_RECORD_LIMITS.bytes);
  if (name === MANIFEST_ENTRY || name === HISTORY_ENTRY || name === SHADOW_ENTRY)
    return Math.min(limits.entryBytes, SMALL_ENTRY_BYTES);
  return limits.entryBytes;
}

/**
 * Reads a zipped run artifact (as downloaded from the Actions API) in memory, never on
 * disk. Hostile archives are refused with `E_ARTIFACT` naming the entry: unsafe names
 * (zip-slip), duplicate names, more entries than the cap, an entry or the total over its
 * byte cap, or an inflate ratio past the cap. Inflation is streamed a few KB of input at a
 * time and stops at the first crossed cap, so a zip bomb is never inflated into memory.
 * Entries the layout does not allow (not data files) are skipped without inflating them.
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
  const kept = new Map<string, Uint8Array>();
  const seen = new Set<string>();
  // A holder, not a `let`: the callbacks below set it, and TypeScript narrows a `let` for good.
  const state: { failure: Cd4mlError | null } = { failure: null };
  let entries = 0;
  let total = 0;
  const ratioCap = Math.max(limits.ratioFloorBytes, limits.ratio * zip.length);
  const fail = (message: string): void => {
    state.failure ??= artifactError(source, message);
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
  if (state.failure) throw state.failure;
  return assemble(kept, source);
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
  return assemble(kept, source);
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

function assemble(kept: ReadonlyMap<string, Uint8Array>, source: string): RunArtifact {
  const recordBytes = kept.get(RECORD_ENTRY);
  if (!recordBytes) {
    throw artifactError(
      source,
      `has no ${RECORD_ENTRY} at its root`,
      'is it the `cd4ml-run` artifact (written by `cd4ml record --dir`)?',
    );
  }
  const manifest = parseManifest(kept.get(MANIFEST_ENTRY), source);
  const record = parseEntry(source, RECORD_ENTRY, () =>
    parseRunRecord(decode(recordBytes), `${source}:${RECORD_ENTRY}`),
  );
  const historyBytes = kept.get(HISTORY_ENTRY);
  const history = historyBytes
    ? parseEntry(source, HISTORY_ENTRY, () => parseHistory(historyBytes))
    : null;
  const shadowBytes = kept.get(SHADOW_ENTRY);
  const shadow = shadowBytes
    ? parseEntry(source, SHADOW_ENTRY, () => {
        const summary = toShadowSummary(JSON.parse(decode(shadowBytes)));
        if (summary instanceof Error) throw summary;
        return summary;
      })
    : null;
  const listed = manifest ? new Set(manifest.files.map((file) => file.path)) : null;
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of kept) {
    if (FIXED_ENTRIES.includes(name)) continue;
    if (listed && !listed.has(name)) continue;
    files.set(name, data);
  }
  return { source, record, manifest, history, files, shadow };
}

function parseManifest(bytes: Uint8Array | undefined, source: string): ArtifactManifest | null {
  if (!bytes) return null;
  return parseEntry(source, MANIFEST_ENTRY, () => {
    const result = ArtifactManifest.safeParse(JSON.parse(decode(bytes)));
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}`);
    }
    const { format } = result.data;
    if (format !== RUN_ARTIFACT_FORMAT) {
      const version = /^cd4ml\/run-artifact@(\d+)$/.exec(format);
      throw new Error(
        version
          ? `format ${format} is newer than this cd4ml reads (${RUN_ARTIFACT_FORMAT}): upgrade cd4ml`
          : `format "${format}" is not a cd4ml run artifact`,
      );
    }
    return result.data;
  });
}

function parseHistory(bytes: Uint8Array): HistoryEntry[] {
  const result = RunHistory.safeParse(JSON.parse(decode(bytes)));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'history'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data.runs
    .filter((run) => run.status === 'success')
    .slice(-ARTIFACT_LIMITS.historyRuns);
}

/** Runs a parse of one entry; any failure becomes `E_ARTIFACT` naming the entry. */
function parseEntry<T>(source: string, entry: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Cd4mlError('E_ARTIFACT', `entry "${entry}" is invalid: ${message}`, {
      location: { file: source },
      cause: error,
    });
  }
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

const decoder = new TextDecoder('utf-8');
function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
