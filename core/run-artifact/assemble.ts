import { Cd4mlError } from '../errors.js';
import { parseRunRecord } from '../run-record/parse.js';
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

export function artifactError(
  source: string,
  message: string,
  hint?: string,
  cause?: unknown,
): Cd4mlError {
  return new Cd4mlError('E_ARTIFACT', message, { location: { file: source }, hint, cause });
}

/**
 * A run artifact from the entries a reader kept (a zip's or a directory's): the record,
 * manifest, history and shadow summary parsed, attachments limited to what the manifest lists.
 */
export function assembleArtifact(
  kept: ReadonlyMap<string, Uint8Array>,
  source: string,
): RunArtifact {
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

const decoder = new TextDecoder('utf-8');
export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
