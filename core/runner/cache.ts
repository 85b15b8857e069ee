import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Hashed } from './hash.js';

/** A stage's outs as the run-cache remembers them. */
export interface CachedOuts {
  outs: Array<{ path: string; hash: string; size: number; files?: Array<[string, string]> }>;
}

/**
 * The content-addressed cache under `.cd4ml/cache`: `files/sha256/ab/cdef…` holds
 * file contents; `runs.jsonl` maps run-cache keys (cmd + dep hashes + params + out
 * paths) to the outs those runs produced. The index is one append-only file: a
 * 200-stage run appends 200 lines through one descriptor instead of creating 200
 * files, and a torn last line (a crash mid-write) is simply ignored on read.
 */
export class ContentCache {
  private index: Map<string, CachedOuts> | undefined;
  private indexFd: number | undefined;
  private readonly madeDirs = new Set<string>();

  constructor(private readonly dir: string) {}

  private objectPath(hash: string): string {
    return join(this.dir, 'files', 'sha256', hash.slice(0, 2), hash.slice(2));
  }

  private ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  /** Copies a file or directory (already hashed) into the cache; reflinks where the filesystem can. */
  store(absolute: string, hashed: Hashed): void {
    if (hashed.files) {
      for (const [rel, hash] of hashed.files) this.storeFile(join(absolute, rel), hash);
    } else {
      this.storeFile(absolute, hashed.hash);
    }
  }

  private storeFile(source: string, hash: string): void {
    const target = this.objectPath(hash);
    if (existsSync(target)) return;
    this.ensureDir(dirname(target));
    // Copy then rename: a crash never leaves a truncated object under its hash.
    const tmp = `${target}.${process.pid}.tmp`;
    copyFileSync(source, tmp, constants.COPYFILE_FICLONE);
    renameSync(tmp, target);
  }

  /** True when every object of these outs is in the cache. */
  has(outs: CachedOuts['outs']): boolean {
    return outs.every((out) => (out.files ? out.files.every(([, hash]) => existsSync(this.objectPath(hash))) : existsSync(this.objectPath(out.hash))));
  }

  /** Puts an out back in the workspace from the cache (a copy, so editing it cannot corrupt the cache). */
  restore(absolute: string, out: CachedOuts['outs'][number]): void {
    rmSync(absolute, { recursive: true, force: true });
    if (out.files) {
      mkdirSync(absolute, { recursive: true });
      for (const [rel, hash] of out.files) this.restoreFile(join(absolute, rel), hash);
    } else {
      this.restoreFile(absolute, out.hash);
    }
  }

  private restoreFile(target: string, hash: string): void {
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(this.objectPath(hash), target, constants.COPYFILE_FICLONE);
  }

  private loadIndex(): Map<string, CachedOuts> {
    if (this.index) return this.index;
    this.index = new Map();
    let text: string;
    try {
      text = readFileSync(join(this.dir, 'runs.jsonl'), 'utf8');
    } catch {
      return this.index;
    }
    for (const line of text.split('\n')) {
      try {
        const { key, outs } = JSON.parse(line) as { key: string } & CachedOuts;
        this.index.set(key, { outs });
      } catch {
        // Blank or torn line.
      }
    }
    return this.index;
  }

  getRun(key: string): CachedOuts | undefined {
    return this.loadIndex().get(key);
  }

  putRun(key: string, entry: CachedOuts): void {
    if (this.indexFd === undefined) {
      this.ensureDir(this.dir);
      this.indexFd = openSync(join(this.dir, 'runs.jsonl'), 'a');
    }
    // One write(2) per line on an O_APPEND descriptor: concurrent runs interleave whole lines.
    writeSync(this.indexFd, `${JSON.stringify({ key, ...entry })}\n`);
    this.index?.set(key, entry);
  }

  close(): void {
    if (this.indexFd !== undefined) closeSync(this.indexFd);
    this.indexFd = undefined;
  }
}

/** The run-cache key: what determines a stage's outs. */
export function runCacheKey(input: { cmd: string[]; deps: Array<[string, string]>; params: unknown; outs: string[]; env: Record<string, string> }): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
