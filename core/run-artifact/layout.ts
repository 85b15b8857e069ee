import { RUN_RECORD_LIMITS } from '../run-record/parse.js';
import * as z from '../yaml/zod.js';

/**
 * The run artifact `cd4ml-run` (format `cd4ml/run-artifact@1`, docs/run-artifact.md): what a
 * run uploads and what the compare action and the bot download. At its root:
 * `cd4ml-run.json` (the record), `cd4ml-artifact.json` (this manifest),
 * `cd4ml-history.json` (the base branch's recent runs), and the files the record points to
 * at their repository-relative paths.
 */
export const RUN_ARTIFACT_FORMAT = 'cd4ml/run-artifact@1';
/** The GitHub artifact names the actions upload and the bot downloads. */
export const RUN_ARTIFACT_NAME = 'cd4ml-run';
export const MODEL_ARTIFACT_NAME = 'cd4ml-model';

export const RECORD_ENTRY = 'cd4ml-run.json';
export const MANIFEST_ENTRY = 'cd4ml-artifact.json';
export const HISTORY_ENTRY = 'cd4ml-history.json';
/** Optional: live traffic on the candidate (`cd4ml record --shadow`, a `cd4ml/shadow` summary). */
export const SHADOW_ENTRY = 'cd4ml-shadow.json';
/** Entries every artifact may hold whatever its manifest lists. */
export const FIXED_ENTRIES: readonly string[] = [
  RECORD_ENTRY,
  MANIFEST_ENTRY,
  HISTORY_ENTRY,
  SHADOW_ENTRY,
];

/**
 * Caps the writer respects and the reader enforces (artifacts from pull requests are
 * untrusted). Per entry: the predictions cap of `core/stats` (the largest file the gate
 * reads); the record: `RUN_RECORD_LIMITS.bytes`.
 */
export const ARTIFACT_LIMITS = {
  /** Entries in one artifact (files; directory entries count too). */
  entries: 1000,
  /** Bytes of one entry after inflating. */
  entryBytes: 64 * 1024 * 1024,
  /** Bytes of all kept entries together after inflating. */
  totalBytes: 128 * 1024 * 1024,
  /** Inflated bytes per zip byte, over the whole archive, once past `ratioFloorBytes`. */
  ratio: 200,
  /** Inflated bytes any archive may reach before the ratio applies (tiny zips compress well). */
  ratioFloorBytes: 1024 * 1024,
  /** Length of an entry name, and its number of path segments. */
  nameChars: 512,
  nameSegments: 32,
  /** Runs kept in `cd4ml-history.json`. */
  historyRuns: 1000,
} as const;

/** The caps a read enforces; `ARTIFACT_LIMITS` unless a caller (a test) narrows them. */
export type ArtifactLimits = { readonly [K in keyof typeof ARTIFACT_LIMITS]: number };

/** Manifests and histories are small; a large one is hostile. */
const SMALL_ENTRY_BYTES = 8 * 1024 * 1024;

/** The inflated-size cap of one entry. */
export function entryCap(name: string, limits: ArtifactLimits): number {
  if (name === RECORD_ENTRY) return Math.min(limits.entryBytes, RUN_RECORD_LIMITS.bytes);
  if (name === MANIFEST_ENTRY || name === HISTORY_ENTRY || name === SHADOW_ENTRY)
    return Math.min(limits.entryBytes, SMALL_ENTRY_BYTES);
  return limits.entryBytes;
}

/** Default number of runs `cd4ml-history.json` carries (the policy's `report.history` wins). */
export const DEFAULT_HISTORY_RUNS = 20;

/** Extensions of attachments the layout allows: data a report reads, never code or models. */
const ATTACHMENT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.csv', '.tsv', '.txt'];

/** What an attachment is for. */
export const FileRole = z.enum(['metrics', 'plots', 'predictions', 'stats']);
export type FileRole = z.infer<typeof FileRole>;

/** `cd4ml-artifact.json`: the format version and what the artifact holds. */
export const ArtifactManifest = z.object({
  format: z.string(),
  /** cd4ml version that wrote it. */
  writer: z.optional(z.string()),
  record: z.literal(RECORD_ENTRY),
  /** `cd4ml-history.json`, or null when the artifact carries no history. */
  history: z._default(z.nullable(z.literal(HISTORY_ENTRY)), null),
  files: z.array(
    z.object({
      path: z.string(),
      role: FileRole,
      bytes: z.number().check(z.int(), z.nonnegative()),
      sha256: z.string(),
    }),
  ),
  /** Files the record points to that were left out, and why (over a cap, missing). */
  skipped: z._default(
    z.array(z.object({ path: z.string(), role: FileRole, reason: z.string() })),
    [],
  ),
});
export type ArtifactManifest = z.infer<typeof ArtifactManifest>;

/**
 * Why `name` is not a safe entry name (zip-slip and friends), or null when it is: a
 * relative POSIX path, no `..` or `.` segments, no backslashes, drive letters, control
 * characters or leading slash, within the length caps.
 */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > ARTIFACT_LIMITS.nameChars)
    return `is longer than ${ARTIFACT_LIMITS.nameChars} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is absolute';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.length > ARTIFACT_LIMITS.nameSegments)
    return `has more than ${ARTIFACT_LIMITS.nameSegments} path segments`;
  if (segments.some((s) => s === '..' || s === '.' || s === ''))
    return 'has an empty, "." or ".." segment';
  return null;
}

/** Whether the layout allows an attachment at `name` (a safe name with a data extension). */
export function isAllowedAttachment(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    unsafeEntryName(name) === null &&
    ATTACHMENT_EXTENSIONS.some((ext) => lower.endsWith(ext)) &&
    !FIXED_ENTRIES.includes(name)
  );
}
