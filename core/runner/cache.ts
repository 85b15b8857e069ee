import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Hashed } from './hash.js';

/** A stage's outs as the run-cache remembers them. */
export interface CachedOuts {
  outs: Array<{ path: string; md5: string; size: number; files?: Array<[string, string]> }>;
}

/**
 * The content-addressed cache under `.cd4ml/cache`: `files/md5/ab/cdef…` holds file
 * contents, `runs/<key>.json` maps a run-cache key (cmd + dep hashes + params + out
 * paths) to the outs that run produced.
 */
export class ContentCache {
  constructor(private readonly dir: string) {}

  private objectPath(md5: string): string {
    return join(this.dir, 'files', 'md5', md5.slice(0, 2), md5.slice(2));
  }

  private runPath(key: string): string {
    return join(this.dir, 'runs', key.slice(0, 2), `${key.slice(2)}.json`);
  }

  /** Copies a file or directory (already hashed) into the cache; reflinks where the filesystem can. */
  store(absolute: string, hashed: Hashed): void {
    if (hashed.files) {
      for (const [rel, md5] of hashed.files) this.storeFile(join(absolute, rel), md5);
    } else {
      this.storeFile(absolute, hashed.md5);
    }
  }

  private storeFile(source: string, md5: string): void {
    const target = this.objectPath(md5);
    if (existsSync(target)) return;
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    copyFileSync(source, tmp, constants.COPYFILE_FICLONE);
    // Cache objects are immutable: make an accidental write through a hard link fail loudly.
    chmodSync(tmp, 0o444);
    renameSync(tmp, target);
  }

  /** True when every object of these outs is in the cache. */
  has(outs: CachedOuts['outs']): boolean {
    return outs.every((out) => (out.files ? out.files.every(([, md5]) => existsSync(this.objectPath(md5))) : existsSync(this.objectPath(out.md5))));
  }

  /** Puts an out back in the workspace from the cache (a copy, so editing it cannot corrupt the cache). */
  restore(absolute: string, out: CachedOuts['outs'][number]): void {
    rmSync(absolute, { recursive: true, force: true });
    if (out.files) {
      for (const [rel, md5] of out.files) this.restoreFile(join(absolute, rel), md5);
      mkdirSync(absolute, { recursive: true });
    } else {
      this.restoreFile(absolute, out.md5);
    }
  }

  private restoreFile(target: string, md5: string): void {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(this.objectPath(md5), target, constants.COPYFILE_FICLONE);
    chmodSync(target, 0o644);
  }

  getRun(key: string): CachedOuts | undefined {
    try {
      return JSON.parse(readFileSync(this.runPath(key), 'utf8')) as CachedOuts;
    } catch {
      return undefined;
    }
  }

  putRun(key: string, entry: CachedOuts): void {
    const path = this.runPath(key);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
  }
}

/** The run-cache key: what determines a stage's outs. */
export function runCacheKey(input: { cmd: string[]; deps: Array<[string, string]>; params: unknown; outs: string[]; env: Record<string, string> }): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
