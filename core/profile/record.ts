import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, posix } from 'node:path';
import { profileFile, profileFormat } from './profile.js';
import { ProfileEntry } from './schema.js';

/**
 * Profiles of the run's tabular files (data deps and stage outs), for the run record.
 * Each profile is kept in `cacheDir` under the file's content hash: a file that did not
 * change — a cached stage's out, an unchanged dep — is read back, not profiled again.
 */
export async function profileRunFiles(
  root: string,
  paths: readonly string[],
  hashOf: (absolute: string) => string | undefined,
  cacheDir: string,
): Promise<Record<string, ProfileEntry>> {
  const out: Record<string, ProfileEntry> = {};
  for (const path of tabularFiles(root, paths)) {
    const absolute = join(root, path);
    const hash = hashOf(absolute);
    const cached = hash ? join(cacheDir, `${hash}.json`) : null;
    const known = cached ? readCached(cached) : null;
    if (known) {
      out[path] = known;
      continue;
    }
    const entry = await profileFile(absolute, path);
    out[path] = entry;
    if (cached && !('error' in entry)) {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, cached);
    }
  }
  return out;
}

function readCached(file: string): ProfileEntry | null {
  try {
    const parsed = ProfileEntry.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Files in a directory dep or out that are profiled, at most. */
const MAX_FILES_PER_DIR = 20;

/** The tabular files among `paths`, and inside those that are directories (sorted, capped). */
function tabularFiles(root: string, paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of new Set(paths)) {
    const absolute = join(root, path);
    if (!existsSync(absolute)) continue;
    const stats = statSync(absolute);
    if (stats.isFile() && profileFormat(path)) found.add(path);
    if (!stats.isDirectory()) continue;
    const inside = (readdirSync(absolute, { recursive: true }) as string[])
      .filter((name) => profileFormat(name) && statSync(join(absolute, name)).isFile())
      .sort()
      .slice(0, MAX_FILES_PER_DIR);
    for (const name of inside) found.add(posix.join(path, name.split('\\').join('/')));
  }
  return [...found].sort();
}
