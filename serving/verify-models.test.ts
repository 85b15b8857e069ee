import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { RELEASE_MANIFEST_SCHEMA, type ReleaseManifest } from '../core/deploy/release-manifest.js';
import { Cd4mlError } from '../core/errors.js';
import { registerServe } from './command.js';
import { fixture, withRepositoryApp } from './testing.js';

const sha256 = async (name: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(fixture(name)))
    .digest('hex');

async function manifestOf(
  models: Record<string, Record<number, string>>,
): Promise<ReleaseManifest> {
  const entries = [];
  for (const [name, versions] of Object.entries(models))
    for (const [version, file] of Object.entries(versions))
      entries.push({
        name,
        version: Number(version),
        file: `${name}/${version}/model.onnx`,
        sha256: await sha256(file),
      });
  return { schema: RELEASE_MANIFEST_SCHEMA, tag: 'v1.0.0', commit: 'abc1234', models: entries };
}

describe('cd4ml serve --verify-models', () => {
  it('serves a model whose sha256 the manifest lists, and refuses one whose file differs', async () => {
    // The manifest says `other` is iris-v2.onnx; the repository holds iris-v1.onnx there.
    const manifest = await manifestOf({
      iris: { 1: 'iris-v1.onnx' },
      other: { 2: 'iris-v2.onnx' },
    });
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' }, other: { 2: 'iris-v1.onnx' } },
      async (app) => {
        expect((await app.inject({ url: '/v2/models/iris/versions/1/ready' })).statusCode).toBe(
          200,
        );
        const other = await app.inject({ url: '/v1/models/other' });
        const status = other.json<{
          model_version_status: { state: string; status: { error_message: string } }[];
        }>().model_version_status[0];
        expect(status?.state).toBe('END');
        expect(status?.status.error_message).toContain(
          `refused by --verify-models: model other version 2 has sha256 ${await sha256('iris-v1.onnx')}, but the release manifest of v1.0.0 says ${await sha256('iris-v2.onnx')}`,
        );
        expect((await app.inject({ url: '/v2/health/ready' })).statusCode).not.toBe(200);
      },
      { options: { verifyManifest: manifest } },
    );
  });

  it('refuses a version the manifest does not list', async () => {
    const manifest = await manifestOf({ iris: { 1: 'iris-v1.onnx' } });
    await withRepositoryApp(
      { iris: { 1: 'iris-v1.onnx' }, other: { 1: 'iris-v1.onnx' } },
      async (app) => {
        expect((await app.inject({ url: '/v2/models/iris/ready' })).statusCode).toBe(200);
        expect((await app.inject({ url: '/v2/models/other/ready' })).statusCode).not.toBe(200);
        expect((await app.inject({ url: '/v2/health/ready' })).statusCode).not.toBe(200);
      },
      { options: { verifyManifest: manifest } },
    );
  });

  it('exits with a usage error naming the manifest it cannot read or parse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cd4ml-verify-'));
    try {
      const run = (argv: string[]) => {
        const program = new Command('cd4ml').exitOverride();
        registerServe(program);
        return program.parseAsync(argv, { from: 'user' }).catch((e: unknown) => e);
      };
      const missing = await run(['serve', dir, '--verify-models']);
      expect(missing).toBeInstanceOf(Cd4mlError);
      expect((missing as Cd4mlError).code).toBe('E_USAGE');
      expect((missing as Error).message).toMatch(
        new RegExp(
          `^--verify-models: cannot read ${dir}/cd4ml-release.json\\n {2}hint: pass the release's cd4ml-release.json`,
        ),
      );
      const bad = join(dir, 'bad.json');
      await writeFile(
        bad,
        JSON.stringify({
          schema: RELEASE_MANIFEST_SCHEMA,
          tag: 'v1',
          commit: 'c',
          models: [{ name: 'm', version: 1, file: 'm/1/model.onnx', sha256: 'XYZ' }],
        }),
      );
      const invalid = await run(['serve', dir, '--verify-models', bad]);
      expect((invalid as Error).message).toMatch(
        new RegExp(
          `^${bad}: models\\.0\\.sha256: not a release manifest: a sha256 is 64 lowercase hex digits`,
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
