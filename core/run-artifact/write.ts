import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Cd4mlError } from '../errors.js';
import type { RunRecord } from '../run-record/schema.js';
import type { ShadowSummary } from '../shadow/summary.js';
import {
  RUN_HISTORY_SCHEMA,
  toHistoryEntry,
  type HistoryEntry,
  type RunHistory,
} from './history.js';
import {
  ARTIFACT_LIMITS,
  FIXED_ENTRIES,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  RECORD_ENTRY,
  RUN_ARTIFACT_FORMAT,
  SHADOW_ENTRY,
  isAllowedAttachment,
  unsafeEntryName,
  type ArtifactManifest,
  type FileRole,
} from './layout.js';

/** A file the record points to, by its path relative to the workspace root. */
export interface ArtifactFile {
  path: string;
  role: FileRole;
}

export interface WriteRunArtifactOptions {
  /** Workspace root: attachments are read from here. */
  root: string;
  record: RunRecord;
  /** Files to carry (metrics, plots data, predictions, stats), repository-relative. */
  files: readonly ArtifactFile[];
  /**
   * The predecessor's carried history (oldest first), e.g. the base branch's previous push
   * run's `cd4ml-history.json`; the record is appended when it succeeded.
   */
  history?: readonly HistoryEntry[];
  /** Runs `cd4ml-history.json` keeps (the newest). */
  historyLimit: number;
  /** cd4ml version, recorded in the manifest. */
  writer?: string;
  /** Live traffic on the candidate (`cd4ml shadow report --json`): written as `cd4ml-shadow.json`. */
  shadow?: ShadowSummary;
}

/**
 * Writes the run artifact `cd4ml-run` (format `cd4ml/run-artifact@1`) into `dir`: the
 * record at the root, the files it points to at their repository-relative paths (those
 * over the caps or missing are listed under `skipped` instead), `cd4ml-history.json` and
 * the manifest, last. `dir` must be absent, empty, or an earlier artifact (replaced whole).
 * In the artifact's copy of the record `predictions.file` is the predictions' repository
 * path, since the record sits at the repository root's place.
 */
export async function writeRunArtifact(
  dir: string,
  options: WriteRunArtifactOptions,
): Promise<ArtifactManifest> {
  await prepareDir(dir);
  const manifest: ArtifactManifest = {
    format: RUN_ARTIFACT_FORMAT,
    ...(options.writer ? { writer: options.writer } : {}),
    record: RECORD_ENTRY,
    history: HISTORY_ENTRY,
    files: [],
    skipped: [],
  };
  const root = resolve(options.root);
  let total = 0;
  const seen = new Set<string>();
  for (const { path, role } of options.files) {
    if (seen.has(path)) continue;
    seen.add(path);
    const skip = (reason: string) => manifest.skipped.push({ path, role, reason });
    const unsafe = unsafeEntryName(path);
    if (unsafe) {
      skip(`its path ${unsafe}`);
      continue;
    }
    if (!isAllowedAttachment(path)) {
      skip('not a data file the layout allows (.json, .yaml, .yml, .csv, .tsv, .txt)');
      continue;
    }
    const from = join(root, path);
    let bytes: number;
    try {
      const info = await stat(from);
      if (!info.isFile()) throw new Error('not a file');
      bytes = info.size;
    } catch {
      skip('missing');
      continue;
    }
    if (bytes > ARTIFACT_LIMITS.entryBytes) {
      skip(`${bytes} bytes, over the ${ARTIFACT_LIMITS.entryBytes}-byte cap per file`);
      continue;
    }
    if (total + bytes > ARTIFACT_LIMITS.totalBytes) {
      skip(`would take the artifact past its ${ARTIFACT_LIMITS.totalBytes}-byte cap`);
      continue;
    }
    if (manifest.files.length + FIXED_ENTRIES.length >= ARTIFACT_LIMITS.entries) {
      skip(`would take the artifact past its ${ARTIFACT_LIMITS.entries}-entry cap`);
      continue;
    }
    total += bytes;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await copyFile(from, join(dir, path));
    const sha256 = createHash('sha256')
      .update(await readFile(join(dir, path)))
      .digest('hex');
    manifest.files.push({ path, role, bytes, sha256 });
  }
  const record: RunRecord = options.record.predictions
    ? {
        ...options.record,
        predictions: { ...options.record.predictions, file: options.record.predictions.source },
      }
    : options.record;
  await writeFile(join(dir, RECORD_ENTRY), `${JSON.stringify(record, null, 2)}\n`);
  const history: RunHistory = {
    schema: RUN_HISTORY_SCHEMA,
    runs: carryHistory(options.history ?? [], options.record, options.historyLimit),
  };
  await writeFile(join(dir, HISTORY_ENTRY), `${JSON.stringify(history, null, 2)}\n`);
  if (options.shadow)
    await writeFile(join(dir, SHADOW_ENTRY), `${JSON.stringify(options.shadow, null, 2)}\n`);
  await writeFile(join(dir, MANIFEST_ENTRY), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The history a run carries forward: its predecessor's successful runs, then itself when
 * it succeeded (replacing an entry with its id), the newest `limit`.
 */
export function carryHistory(
  previous: readonly HistoryEntry[],
  record: RunRecord,
  limit: number,
): HistoryEntry[] {
  const runs = previous.filter((run) => run.status === 'success' && run.id !== record.id);
  if (record.status === 'success') runs.push(toHistoryEntry(record));
  return limit <= 0 ? [] : runs.slice(-Math.min(limit, ARTIFACT_LIMITS.historyRuns));
}

async function prepareDir(dir: string): Promise<void> {
  if (existsSync(dir)) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !entries.includes(MANIFEST_ENTRY)) {
      throw new Cd4mlError(
        'E_USAGE',
        `${dir} is not empty and holds no run artifact (${MANIFEST_ENTRY}) to replace`,
        {
          location: { file: dir },
          hint: 'pass a new or empty directory, e.g. --dir .cd4ml/artifact/run',
        },
      );
    }
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}
