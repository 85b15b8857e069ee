import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Cd4mlError } from '../../core/errors.js';
import { MODEL_FILE } from '../../core/run-artifact/model.js';

/**
 * The model repository on disk, TF Serving / Triton layout:
 *
 * ```
 * <root>/<model>/config.yaml          optional
 * <root>/<model>/<version>/model.onnx version = a non-negative integer
 * ```
 *
 * or a single `model.onnx` file, served as model `model` version 1. Scanning only
 * lists files; loading is the registry's decision.
 */

/** Names that can never escape the repository or confuse a URL route. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const VERSION_DIR = /^(0|[1-9]\d{0,15})$/;

export interface VersionCandidate {
  version: number;
  file: string;
  /** Names, sizes and mtimes of everything in the version directory; equal signatures = unchanged. */
  signature: string;
  /** Newest mtime in the directory (ms), to tell whether a copy may still be running. */
  newestMtimeMs: number;
  /** Why this directory cannot be loaded as it is (e.g. no model.onnx yet). */
  problem?: string;
}

export interface ModelCandidate {
  name: string;
  configFile: string | undefined;
  versions: VersionCandidate[];
}

export interface RepositorySource {
  kind: 'file' | 'directory';
  root: string;
}

export async function openRepository(path: string): Promise<RepositorySource> {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    throw new Cd4mlError('E_USAGE', `model repository ${path} does not exist`, {
      hint: 'pass a model.onnx file or a directory laid out as <name>/<version>/model.onnx',
      cause: err,
    });
  }
  if (s.isFile()) return { kind: 'file', root: path };
  if (s.isDirectory()) return { kind: 'directory', root: path };
  throw new Cd4mlError('E_USAGE', `${path} is neither a file nor a directory`);
}

export async function scanRepository(
  source: RepositorySource,
  singleModelName = 'model',
): Promise<ModelCandidate[]> {
  if (source.kind === 'file') {
    const s = await stat(source.root).catch(() => undefined);
    if (!s) return [{ name: singleModelName, configFile: undefined, versions: [] }];
    return [
      {
        name: singleModelName,
        configFile: undefined,
        versions: [
          {
            version: 1,
            file: source.root,
            signature: `${basename(source.root)}:${s.size}:${s.mtimeMs}`,
            newestMtimeMs: s.mtimeMs,
          },
        ],
      },
    ];
  }
  const models: ModelCandidate[] = [];
  for (const entry of await readdir(source.root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !MODEL_NAME.test(entry.name)) continue;
    const dir = join(source.root, entry.name);
    const versions: VersionCandidate[] = [];
    let configFile: string | undefined;
    let children;
    try {
      children = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // removed between the two readdirs
    }
    for (const child of children) {
      if (child.isFile() && (child.name === 'config.yaml' || child.name === 'config.yml'))
        configFile = join(dir, child.name);
      if (!child.isDirectory() || !VERSION_DIR.test(child.name)) continue;
      const versionDir = join(dir, child.name);
      const listing = await listFiles(versionDir);
      if (!listing) continue;
      const candidate: VersionCandidate = {
        version: Number(child.name),
        file: join(versionDir, MODEL_FILE),
        signature: listing.signature,
        newestMtimeMs: listing.newestMtimeMs,
      };
      if (!listing.names.includes(MODEL_FILE))
        candidate.problem = `no ${MODEL_FILE} in ${versionDir}`;
      versions.push(candidate);
    }
    versions.sort((a, b) => a.version - b.version);
    models.push({ name: entry.name, configFile, versions });
  }
  models.sort((a, b) => a.name.localeCompare(b.name));
  return models;
}

async function listFiles(
  dir: string,
): Promise<{ signature: string; newestMtimeMs: number; names: string[] } | undefined> {
  const parts: string[] = [];
  const names: string[] = [];
  let newest = 0;
  const walk = async (d: string, prefix: string, depth: number): Promise<void> => {
    if (depth > 4) return;
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        await walk(p, `${prefix}${e.name}/`, depth + 1);
        continue;
      }
      const s = await stat(p);
      parts.push(`${prefix}${e.name}:${s.size}:${s.mtimeMs}`);
      if (prefix === '') names.push(e.name);
      newest = Math.max(newest, s.mtimeMs);
    }
  };
  try {
    await walk(dir, '', 0);
  } catch {
    return undefined; // changing under our feet; the next poll sees it settled
  }
  parts.sort();
  return { signature: parts.join('|'), newestMtimeMs: newest, names };
}
