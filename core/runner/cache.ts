import {
  appendFileSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { copyFile, rename } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readTextIfPresent } from '../fs/read.js';

/** Files up to this size are stored in the cache synchronously (see `storeFile`). */
const SMALL_FILE = 256 * 1024;

/** A stage's outs as the run-cache remembers them. */
export interface CachedOuts {
  outs: Array<{ path: string; hash: string; size: number; files?: Array<[string, string]> }>;
}

/**
 * The content-addressed cache under `.cd4ml/cache`: `files/sha256/<hash>` holds file
 * contents; `runs.jsonl` maps run-cache keys (cmd + dep hashes + params + out paths)
 * to the outs those runs produced. Storing happens off the scheduler's thread (libuv's
 * pool copies while stages run). The index is append-only: each run's line is appended
 * (one write of one line) as soon as its objects are in, so a run killed later keeps what
 * its finished stages stored; a torn last line (a crash mid-write) is ignored on read.
 */
export class ContentCache {
  private index: Map<string, CachedOuts> | undefined;
  private readonly pending: Array<Promise<void>> = [];
  private readonly storing = new Set<string>();
  private objectsDirMade = false;

  /**
   * @param replace Store objects even when one of the same name exists (`run --force`):
   *   a damaged object is then repaired by the next run that produces its content.
   */
  constructor(
    private readonly dir: string,
    private readonly replace = false,
  ) {}

  private objectPath(hash: string): string {
    return join(this.dir, 'files', 'sha256', hash);
  }

  /**
   * Stores a successful run's outs (already hashed) and, once they are all in, its
   * run-cache entry. Returns at once; `flush` waits for everything.
   */
  save(key: string, root: string, outs: CachedOuts['outs']): void {
    if (!this.objectsDirMade) {
      mkdirSync(join(this.dir, 'files', 'sha256'), { recursive: true });
      this.objectsDirMade = true;
    }
    const copies = outs.flatMap((out) =>
      out.files
        ? out.files.map(([rel, hash]) => this.storeFile(join(root, out.path, rel), hash))
        : [this.storeFile(join(root, out.path), out.hash, out.size <= SMALL_FILE)],
    );
    const record = (): void => {
      appendFileSync(join(this.dir, 'runs.jsonl'), `${JSON.stringify({ key, outs })}\n`);
      this.loadIndex().set(key, { outs });
    };
    // Stored already (small files are copied on the spot): the entry is recorded now, in
    // the same turn as the stage's lock entry, not a promise later.
    const waiting = copies.filter((copy) => copy !== undefined);
    if (waiting.length === 0) record();
    else this.pending.push(Promise.all(waiting).then(record));
  }

  /**
   * Copies a file into the store under its hash: copy, then rename, so a crash never
   * leaves a truncated object under its hash. A small file is copied right away, and
   * nothing is returned: the copy costs less than handing it to libuv's pool and back (two
   * promises, two thread wake-ups), and the stage just wrote it, so it is in the page
   * cache. A large one is copied by the pool; the promise settles when it is in.
   */
  private storeFile(source: string, hash: string, small = false): Promise<void> | undefined {
    const target = this.objectPath(hash);
    if (this.storing.has(hash)) return undefined;
    // An object of the wrong size (torn by a crash, truncated by hand) is replaced; one of
    // the right size but the wrong bytes is caught when it is restored, and dropped then.
    const existing = this.replace ? undefined : statSync(target, { throwIfNoEntry: false });
    if (existing && existing.size === statSync(source).size) return undefined;
    this.storing.add(hash);
    const tmp = `${target}.${process.pid}.tmp`;
    if (small) {
      copyFileSync(source, tmp, constants.COPYFILE_FICLONE);
      renameSync(tmp, target);
      return undefined;
    }
    return copyFile(source, tmp, constants.COPYFILE_FICLONE).then(() => rename(tmp, target));
  }

  /** Waits for pending stores (each appends its run-cache entry when its objects are in). */
  async flush(): Promise<void> {
    await Promise.all(this.pending);
    this.pending.length = 0;
  }

  /** True when every object of these outs is in the cache. */
  has(outs: CachedOuts['outs']): boolean {
    return outs.every((out) =>
      out.files
        ? out.files.every(([, hash]) => existsSync(this.objectPath(hash)))
        : existsSync(this.objectPath(out.hash)),
    );
  }

  /** Removes objects found damaged (their bytes no longer hash to their name). */
  drop(hashes: Iterable<string>): void {
    for (const hash of hashes) rmSync(this.objectPath(hash), { force: true });
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
    let text: string | undefined;
    try {
      text = readTextIfPresent(join(this.dir, 'runs.jsonl'));
    } catch {
      // Unreadable: as good as empty.
    }
    if (text === undefined) return this.index;
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
}

/** The run-cache key: what determines a stage's outs. */
export function runCacheKey(input: {
  cmd: string[];
  deps: Array<[string, string]>;
  params: unknown;
  outs: string[];
  env: Record<string, string>;
}): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
