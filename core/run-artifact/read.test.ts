import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { baseRun, historyRuns } from '../compare/__fixtures__/records.js';
import { tempProjects } from '../testing/project.js';
import { toHistoryEntry } from './history.js';
import { summarizeShadow } from '../shadow/summary.js';
import {
  ARTIFACT_LIMITS,
  HISTORY_ENTRY,
  MANIFEST_ENTRY,
  RECORD_ENTRY,
  SHADOW_ENTRY,
  type ArtifactLimits,
} from './layout.js';
import { artifactRun, readRunArtifactDir, readRunArtifactZip } from './read.js';
import { writeRunArtifact } from './write.js';

const project = tempProjects();
const PREDICTIONS = readFileSync(
  new URL('../compare/__fixtures__/base-predictions.csv', import.meta.url),
  'utf8',
);

/** A run artifact written by the real writer from the fixture base run, and its files as a zip. */
async function artifact() {
  const p = project({
    'eval/predictions.csv': PREDICTIONS,
    'eval/metrics.json': '{"accuracy": 0.956}\n',
    'data/stats.json': '{"rows": 7043}\n',
  });
  const dir = join(p.dir, 'artifact');
  await writeRunArtifact(dir, {
    root: p.dir,
    record: baseRun(),
    files: [
      { path: 'eval/metrics.json', role: 'metrics' },
      { path: 'data/stats.json', role: 'stats' },
      { path: 'eval/predictions.csv', role: 'predictions' },
      { path: 'eval/missing.json', role: 'metrics' },
    ],
    history: historyRuns().map((run) => toHistoryEntry(run)),
    historyLimit: 5,
  });
  const entries: Zippable = {};
  for (const name of [
    RECORD_ENTRY,
    MANIFEST_ENTRY,
    HISTORY_ENTRY,
    'eval/metrics.json',
    'data/stats.json',
    'eval/predictions.csv',
  ])
    entries[name] = readFileSync(join(dir, name));
  return { dir, zip: zipSync(entries), entries, root: p.dir };
}

function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, data] of Object.entries(files))
    entries[name] = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return zipSync(entries);
}

/** What `readRunArtifactZip` threw, for assertions on code and message. */
function zipError(
  zip: Uint8Array,
  limits: ArtifactLimits = ARTIFACT_LIMITS,
): { code?: string; message: string } {
  try {
    readRunArtifactZip(zip, 'pr.zip', limits);
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the read to fail');
}

/**
 * A zip of one deflated entry of `size` zero bytes, built without holding them: zlib's
 * output for 1 MiB of zeros after a full flush is the same bytes every time, so the stream
 * is that block repeated, then an empty final block. `declared` is what the headers claim.
 */
function zeroBomb(name: string, mebibytes: number, declared: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), {
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const data = Buffer.concat([...Array<Buffer>(mebibytes).fill(block), Buffer.from([0x03, 0x00])]);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('readRunArtifactZip and readRunArtifactDir', () => {
  it('read the same run from a directory and its zip: record, history, listed files', async () => {
    const { dir, zip } = await artifact();
    for (const read of [await readRunArtifactDir(dir), readRunArtifactZip(zip, 'run.zip')]) {
      expect(read.record.id).toBe(baseRun().id);
      // In the artifact the record points to the predictions at their repository path.
      expect(read.record.predictions?.file).toBe('eval/predictions.csv');
      expect([...read.files.keys()].sort()).toEqual([
        'data/stats.json',
        'eval/metrics.json',
        'eval/predictions.csv',
      ]);
      expect(read.manifest?.skipped).toEqual([
        { path: 'eval/missing.json', role: 'metrics', reason: 'missing' },
      ]);
      // The newest 5: four carried runs and the run itself.
      expect(read.history?.map((h) => h.id)).toEqual([
        ...historyRuns()
          .slice(-4)
          .map((r) => r.id),
        baseRun().id,
      ]);
      const run = artifactRun(read);
      expect(await run.readAttachment('eval/predictions.csv', 1e9)).toBe(PREDICTIONS);
      expect(await run.readAttachment('eval/nope.csv', 1e9)).toBeNull();
      await expect(run.readAttachment('../../etc/passwd', 1e9)).rejects.toMatchObject({
        code: 'E_ARTIFACT',
      });
      await expect(run.readAttachment('eval/predictions.csv', 10)).rejects.toThrow(
        /eval\/predictions\.csv" is \d+ bytes, over the 10-byte limit/,
      );
    }
  });

  it('carry the live-traffic summary (cd4ml-shadow.json) to the gate, and refuse a bad one naming it', async () => {
    const p = project({});
    const dir = join(p.dir, 'artifact');
    const shadow = summarizeShadow({
      model: 'iris',
      candidate: 2,
      rate: 1,
      tolerance: { atol: 1e-6, rtol: 1e-4 },
      mirrored: 3,
      agreed: 2,
      disagreed: 1,
      errors: 0,
      dropped: 0,
      pending: 0,
      maxScoreDiff: 0.5,
      outputDisagreements: { label: 1 },
      lastError: undefined,
      primarySeconds: [0.001, 0.002, 0.003],
      candidateSeconds: [0.002, 0.002, 0.004],
      workers: 1,
    });
    await writeRunArtifact(dir, {
      root: p.dir,
      record: baseRun(),
      files: [],
      historyLimit: 5,
      shadow,
    });
    const entries: Zippable = {};
    for (const name of [RECORD_ENTRY, MANIFEST_ENTRY, SHADOW_ENTRY])
      entries[name] = readFileSync(join(dir, name));
    for (const read of [
      await readRunArtifactDir(dir),
      readRunArtifactZip(zipSync(entries), 'run.zip'),
    ]) {
      expect(read.shadow).toEqual(shadow);
      expect(read.files.size).toBe(0);
      expect(artifactRun(read).shadow).toEqual(shadow);
    }
    entries[SHADOW_ENTRY] = new TextEncoder().encode(JSON.stringify({ ...shadow, agreed: '2' }));
    expect(zipError(zipSync(entries))).toMatchObject({
      code: 'E_ARTIFACT',
      message: expect.stringContaining(
        'entry "cd4ml-shadow.json" is invalid: is not a cd4ml shadow summary: agreed:',
      ) as string,
    });
  });

  it('read a streamed zip (sizes in data descriptors, as upload-artifact writes them)', async () => {
    const { entries } = await artifact();
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      chunks.push(chunk);
    });
    for (const [name, data] of Object.entries(entries as Record<string, Uint8Array>)) {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    }
    zip.end();
    const bytes = new Uint8Array(Buffer.concat(chunks));
    // General-purpose flag bit 3: sizes follow the data, the local header has none.
    expect(bytes[6]! & 0x08).toBe(0x08);
    const read = readRunArtifactZip(bytes, 'streamed.zip');
    expect(read.record.id).toBe(baseRun().id);
    expect(Buffer.from(read.files.get('eval/predictions.csv')!).toString()).toBe(PREDICTIONS);
  });

  it('refuse an archive larger than a whole artifact may be, unread', () => {
    const small = { ...ARTIFACT_LIMITS, totalBytes: 100 };
    expect(zipError(zipOf({ 'a.txt': 'x'.repeat(500) }), small).message).toContain(
      'over the 100-byte cap of a whole run artifact',
    );
  });

  it('keep only files the manifest lists and the layout allows', async () => {
    const { entries } = await artifact();
    const read = readRunArtifactZip(
      zipOf({
        ...(entries as Record<string, Uint8Array>),
        'extra.json': '{}',
        'model.onnx': 'not read',
        'run.sh': 'rm -rf /',
      }),
      'x.zip',
    );
    expect([...read.files.keys()]).not.toContain('extra.json');
    expect([...read.files.keys()]).not.toContain('model.onnx');
    expect(read.files.size).toBe(3);
  });

  it.each([
    '../evil.json',
    'a/../../evil.json',
    '/etc/evil.json',
    'C:/evil.json',
    'a\\..\\evil.json',
    './cd4ml-run.json',
  ])('refuse the zip-slip name %j', (name) => {
    const error = zipError(zipOf({ [RECORD_ENTRY]: JSON.stringify(baseRun()), [name]: '{}' }));
    expect(error.code).toBe('E_ARTIFACT');
    expect(error.message).toContain(`pr.zip: entry "${name}"`);
  });

  it('refuse a zip bomb without inflating it: 2 GiB of zeros, its size declared', () => {
    const bomb = zeroBomb('eval/predictions.csv', 2048, 2 ** 31);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const error = zipError(bomb);
    expect(error).toMatchObject({ code: 'E_ARTIFACT' });
    expect(error.message).toContain('entry "eval/predictions.csv" is 2147483648 bytes, over the');
  });

  it('refuse a zip bomb whose header lies about its size, stopping at the first cap', () => {
    const before = process.memoryUsage().arrayBuffers;
    const bomb = zeroBomb('eval/predictions.csv', 2048, 100);
    const error = zipError(bomb);
    expect(error.code).toBe('E_ARTIFACT');
    // It stops at the 64 MiB entry cap, a few MiB of inflated chunks later at most.
    expect(error.message).toContain(
      'entry "eval/predictions.csv" inflates past its 67108864-byte cap',
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024 * 1024);
  });

  it('refuse an archive that inflates past the ratio cap', () => {
    const strict = { ...ARTIFACT_LIMITS, ratio: 100, ratioFloorBytes: 0 };
    const bomb = zeroBomb('eval/predictions.csv', 4, 100);
    expect(zipError(bomb, strict).message).toContain(
      'entry "eval/predictions.csv" inflates past 100× the archive\'s size',
    );
  });

  it('refuse an entry past its byte cap, and the total past its cap', () => {
    const small = { ...ARTIFACT_LIMITS, entryBytes: 1000, totalBytes: 1500 };
    const run = JSON.stringify(baseRun());
    expect(zipError(zipOf({ 'a.csv': 'x'.repeat(1001) }), small).message).toContain(
      'entry "a.csv" is 1001 bytes, over the 1000-byte cap',
    );
    expect(
      zipError(zipOf({ 'a.csv': 'x'.repeat(900), 'b.csv': 'y'.repeat(900) }), small).message,
    ).toContain('past the 1500-byte total cap at "b.csv"');
    expect(run.length).toBeGreaterThan(1000);
  });

  it('refuse too many entries', () => {
    const files: Record<string, string> = { [RECORD_ENTRY]: JSON.stringify(baseRun()) };
    for (let i = 0; i <= ARTIFACT_LIMITS.entries; i++) files[`f/${i}.txt`] = '';
    expect(zipError(zipOf(files)).message).toContain(
      `has more than ${ARTIFACT_LIMITS.entries} entries`,
    );
  });

  it.each([
    ['a malformed record', { [RECORD_ENTRY]: '{"schema": ' }, 'entry "cd4ml-run.json" is invalid'],
    [
      'a record over its cap',
      { [RECORD_ENTRY]: `{"pad": "${' '.repeat(17 * 1024 * 1024)}"}` },
      'bytes, over the 16777216-byte cap',
    ],
    ['no record', { 'eval/metrics.json': '{}' }, 'has no cd4ml-run.json at its root'],
    [
      'a malformed history',
      { [RECORD_ENTRY]: JSON.stringify(baseRun()), [HISTORY_ENTRY]: '{"runs": 3}' },
      'entry "cd4ml-history.json" is invalid',
    ],
    [
      'a newer format',
      {
        [RECORD_ENTRY]: JSON.stringify(baseRun()),
        [MANIFEST_ENTRY]: JSON.stringify({
          format: 'cd4ml/run-artifact@2',
          record: RECORD_ENTRY,
          files: [],
        }),
      },
      'newer than this cd4ml reads',
    ],
  ])('refuse %s, naming the entry', (_, files, message) => {
    const error = zipError(zipOf(files));
    expect(error.code).toBe('E_ARTIFACT');
    expect(error.message).toContain(message);
  });

  it('refuse what is not a zip', () => {
    expect(zipError(new TextEncoder().encode('{"schema": "cd4ml/run@1"}')).message).toContain(
      'pr.zip: is not a zip archive',
    );
  });

  it('refuse a symbolic link in a directory', async () => {
    const { dir } = await artifact();
    mkdirSync(join(dir, 'data/more'));
    symlinkSync('/etc/passwd', join(dir, 'data/more/passwd.txt'));
    await expect(readRunArtifactDir(dir)).rejects.toThrow(
      'entry "data/more/passwd.txt" is a symbolic link',
    );
  });

  it('read a bare record upload (no manifest) with the files it points to', async () => {
    const p = project({ 'eval/predictions.csv': PREDICTIONS });
    const record = {
      ...baseRun(),
      predictions: { ...baseRun().predictions!, file: 'eval/predictions.csv' },
    };
    writeFileSync(join(p.dir, RECORD_ENTRY), JSON.stringify(record));
    const read = await readRunArtifactDir(p.dir);
    expect(read.manifest).toBeNull();
    expect(read.history).toBeNull();
    expect(await artifactRun(read).readAttachment('eval/predictions.csv', 1e9)).toBe(PREDICTIONS);
  });
});
