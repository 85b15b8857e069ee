// actions/release's JavaScript steps, run as the composite runs them (`node release.js
// prepare|publish` with INPUT_* in the composite's spelling), on a tag push, against a
// real git repository and a local stand-in for api.github.com.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFakeGitHub, type ServedGitHub } from '../github/testing/serve.js';
import { CHECKOUT, createTestRepo, REPOSITORY, type TestRepo } from './testing/project.js';
import { runComposite } from './testing/composite.js';
import { runStep } from './testing/runner.js';

let scratch: string;
let bundle: string;
let repo: TestRepo;
let github: ServedGitHub;
let commit: string;
const onnx = Buffer.from('not really onnx, but bytes to carry');

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cd4ml-release-e2e-'));
  // The action's checkout: the bundle finds the build context (its root) from its own path.
  bundle = join(scratch, 'action', 'dist', 'actions', 'release.js');
  mkdirSync(join(scratch, 'action', 'dist', 'actions'), { recursive: true });
  cpSync(join(CHECKOUT, 'dist', 'actions', 'release.js'), bundle);
  repo = createTestRepo(0.97);
  commit = repo.commit('release me');
  repo.git('tag', 'v1.4.2');
  repo.run();
  const artifacts = join(scratch, 'artifacts');
  repo.artifact(join(artifacts, '301', 'cd4ml-run'));
  mkdirSync(join(artifacts, '301', 'cd4ml-model'), { recursive: true });
  writeFileSync(join(artifacts, '301', 'cd4ml-model', 'model.onnx'), onnx);
  writeFileSync(
    join(artifacts, '301', 'cd4ml-model', 'model-card.md'),
    '# Hello model\n\nAccuracy 0.97.\n',
  );
  github = await serveFakeGitHub({
    repository: REPOSITORY,
    git: repo.dir,
    artifacts,
    runs: [
      // Another workflow's push run of the commit (no model), newest: skipped.
      {
        id: 303,
        headSha: commit,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        headRepositoryId: 1296269,
        workflow: 'lint.yml',
      },
      // A fork's push run of the same commit comes first in the listing: never released.
      {
        id: 302,
        headSha: commit,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        headRepositoryId: 999001,
        headRepository: 'evil/Hello-World',
        workflow: 'ml.yml',
      },
      {
        id: 301,
        headSha: commit,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        headRepositoryId: 1296269,
        workflow: 'ml.yml',
      },
    ],
  });
});

afterAll(async () => {
  await github.close();
  repo.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** The release step on `push` of tag v1.4.2, or as `event` (a dispatch at the tag) says. */
function step(
  phase: 'prepare' | 'publish',
  inputs: Record<string, string> = {},
  event = { eventName: 'push', payload: { ref: 'refs/tags/v1.4.2' } as unknown },
) {
  github.reset();
  return runStep({
    bundle,
    args: [phase],
    inputs: { token: 'ghs_test', 'out-dir': '.cd4ml/release', ...inputs },
    inputStyle: 'composite',
    workspace: repo.dir,
    apiUrl: github.url,
    ...event,
    env: { GITHUB_REF: 'refs/tags/v1.4.2', GITHUB_SHA: commit },
  });
}

const p = `/repos/${REPOSITORY}`;

describe('actions/release', () => {
  it('prepare: lays out models/<name>/<version>/ from the tagged commit’s push run', async () => {
    const result = await step('prepare');
    expect(result.stdout + result.stderr).not.toContain('::error');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      'model-name': 'hello-world',
      'model-version': '1004002',
      'run-id': '301',
      commit,
      'models-build-arg': '.cd4ml-release-models',
      'build-context': join(scratch, 'action') + '/',
    });
    const version = join(repo.dir, '.cd4ml/release/models/hello-world/1004002');
    expect(readFileSync(join(version, 'model.onnx'))).toEqual(onnx);
    expect(readFileSync(join(version, 'model-card.md'), 'utf8')).toContain('# Hello model');
    // The serving image's build context holds the same repository.
    expect(
      readFileSync(join(scratch, 'action/.cd4ml-release-models/hello-world/1004002/model.onnx')),
    ).toEqual(onnx);
    const notes = readFileSync(join(repo.dir, '.cd4ml/release/report.md'), 'utf8');
    expect(notes).toContain('version 1004002');
    expect(notes).toContain('| accuracy | 0.97 |');
    const sha256 = createHash('sha256').update(onnx).digest('hex');
    expect(notes).toContain(`Model sha256: \`${sha256}\``);
    // The manifest --verify-models reads, baked into the image with the model.
    expect(
      JSON.parse(
        readFileSync(join(scratch, 'action/.cd4ml-release-models/cd4ml-release.json'), 'utf8'),
      ),
    ).toEqual({
      schema: 'cd4ml.release/v1',
      tag: 'v1.4.2',
      commit,
      models: [
        { name: 'hello-world', version: 1004002, file: 'hello-world/1004002/model.onnx', sha256 },
      ],
    });
    expect(result.outputs).toMatchObject({
      image: `ghcr.io/${REPOSITORY.toLowerCase()}-serving`,
      'image-tags': '1.4.2\nlatest',
      prerelease: 'false',
      'model-sha256': sha256,
    });
    expect(result.outputs['image-labels']?.split('\n')).toEqual([
      `org.opencontainers.image.source=https://github.com/${REPOSITORY}`,
      `org.opencontainers.image.revision=${commit}`,
      'org.opencontainers.image.version=1.4.2',
      expect.stringMatching(/^org\.opencontainers\.image\.created=\d{4}-\d\d-\d\dT/),
      'org.opencontainers.image.licenses=NOASSERTION',
    ]);
    expect(github.log()).toEqual([
      `GET ${p}/actions/runs?head_sha=${commit}&status=success&event=push&per_page=100`,
      `GET ${p}/actions/runs/303/artifacts?name=cd4ml-model&per_page=100`,
      `GET ${p}/actions/runs/301/artifacts?name=cd4ml-model&per_page=100`,
      `GET ${p}/actions/artifacts/30100/zip`,
      `GET ${p}/actions/runs/301/artifacts?name=cd4ml-run&per_page=100`,
      `GET ${p}/actions/artifacts/30101/zip`,
    ]);
  });

  it('dispatched at the tag (the bot with a GITHUB_TOKEN, whose tag starts no push run) prepares the same release', async () => {
    // GitHub dispatches at `ref: v1.4.2`: GITHUB_REF is the tag, the event workflow_dispatch.
    const dispatch = {
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/tags/v1.4.2', inputs: { deployment: '5' }, workflow: 'release.yml' },
    };
    const result = await step('prepare', {}, dispatch);
    expect(result.stdout + result.stderr).not.toContain('::error');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      'model-version': '1004002',
      'run-id': '301',
      commit,
      'image-tags': '1.4.2\nlatest',
    });
  });

  it('publish: a draft, the assets, then published; a re-run does nothing', async () => {
    // A first attempt that stopped after its draft (draft: true stands in for a failure
    // before publishing): the re-run finds that draft in the list, not a second one.
    const first = await step('publish', {
      draft: 'true',
      'image-ref': 'ghcr.io/octocat/hello-world-serving@sha256:' + 'a'.repeat(64),
    });
    expect(first.exitCode, first.stdout).toBe(0);
    expect(github.log()).toEqual([
      `GET ${p}/releases/tags/v1.4.2`,
      `GET ${p}/releases?per_page=100`,
      `POST ${p}/releases`,
      `POST ${p}/releases/500/assets?name=model.onnx`,
      `POST ${p}/releases/500/assets?name=cd4ml-release.json`,
      `POST ${p}/releases/500/assets?name=report.md`,
    ]);
    expect(github.body(2)).toMatchObject({ tag_name: 'v1.4.2', draft: true });
    expect(github.repo.releases[0]?.body).toContain(
      `Serving image: \`ghcr.io/octocat/hello-world-serving@sha256:${'a'.repeat(64)}\``,
    );
    const result = await step('publish');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(github.log()).toEqual([
      `GET ${p}/releases/tags/v1.4.2`,
      `GET ${p}/releases?per_page=100`,
      `PATCH ${p}/releases/500`,
    ]);
    expect(github.repo.releases).toHaveLength(1);
    expect(github.repo.releases[0]).toMatchObject({
      draft: false,
      assets: [
        { name: 'model.onnx', size: onnx.length },
        { name: 'cd4ml-release.json', size: expect.any(Number) },
        { name: 'report.md', size: expect.any(Number) },
      ],
    });
    expect(result.outputs['release-url']).toBe(
      `https://github.com/${REPOSITORY}/releases/tag/v1.4.2`,
    );

    const again = await step('publish');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('already published');
    expect(github.log()).toEqual([`GET ${p}/releases/tags/v1.4.2`]);
  });

  it('a tag that is not a version asks for model-version', async () => {
    const result = await step('prepare', { tag: 'nightly' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'input "model-version" is empty and the tag "nightly" is not a version like v1.2.3',
    );
    expect(github.log()).toEqual([]);
  });

  it.each([
    [
      { image: 'ghcr.io/Octocat/serving' },
      'input "image": "ghcr.io/Octocat/serving" has uppercase letters ("Octocat"): image names must be lowercase',
    ],
    [
      { tag: 'v1.5.0-rc.1' },
      'input "model-version" is empty and the pre-release tag "v1.5.0-rc.1" has no model version of its own',
    ],
    [{ tag: '-x', 'model-version': '7' }, 'input "tag" the tag "-x" cannot name an image'],
  ])('prepare refuses %j before any call', async (inputs, message) => {
    const result = await step('prepare', inputs);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(message);
    expect(github.log()).toEqual([]);
  });

  it('a workflow-runs answer without the fields it documents is an error naming the call', async () => {
    github.reset();
    github.github.once('GET', `${p}/actions/runs`, {
      status: 200,
      body: { total_count: 1, workflow_runs: [{ id: '301', event: 'push' }] },
    });
    const result = await runStep({
      bundle,
      args: ['prepare'],
      inputs: { token: 'ghs_test' },
      inputStyle: 'composite',
      workspace: repo.dir,
      apiUrl: github.url,
      eventName: 'push',
      payload: { ref: 'refs/tags/v1.4.2' },
      env: { GITHUB_REF: 'refs/tags/v1.4.2', GITHUB_SHA: commit },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      `::error::cd4ml: GitHub's answer to GET ${p}/actions/runs is not what its API documents at workflow_runs.0.id:`,
    );
    expect(result.stdout).not.toContain('unexpected error');
  });

  it.each([[[]], [['deploy']]])('run as release.js %j it says how it is run', async (args) => {
    const result = await runStep({
      bundle,
      args,
      inputs: {},
      workspace: repo.dir,
      apiUrl: github.url,
      eventName: 'push',
      payload: {},
    });
    expect(result.exitCode).toBe(1);
    const said = args.length ? '(got "deploy")' : '(got none)';
    expect(result.stdout).toContain(
      `::error::cd4ml: release.js takes one argument, prepare or publish ${said}`,
    );
    expect(result.stdout).toContain('uses: cd4ml/cd4ml/actions/release@v1');
    expect(result.stdout).not.toContain('unexpected error');
  });

  it('a pre-release gets its own tag and no latest', async () => {
    repo.git('tag', 'v1.4.2-rc.1');
    const result = await step('prepare', { tag: 'v1.4.2-rc.1', 'model-version': '1004001' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      'image-tags': '1.4.2-rc.1',
      prerelease: 'true',
      'model-version': '1004001',
    });
  });

  it('the composite runs both steps in order, its outputs wired to them', async () => {
    // A new tag on the same commit: the composite from a checkout of this repository.
    repo.git('tag', 'v1.5.0');
    const action = join(scratch, 'checkout');
    execFileSync('git', ['clone', '-q', '--local', CHECKOUT, action]);
    mkdirSync(join(action, 'dist', 'actions'), { recursive: true });
    cpSync(
      join(CHECKOUT, 'dist', 'actions', 'release.js'),
      join(action, 'dist', 'actions', 'release.js'),
    );
    const event = join(scratch, 'tag-event.json');
    writeFileSync(event, JSON.stringify({ ref: 'refs/tags/v1.5.0' }));
    github.reset();
    const attested: Record<string, string>[] = [];
    const run = await runComposite({
      actionPath: join(action, 'actions', 'release'),
      workspace: repo.dir,
      with: { 'push-image': 'false' },
      standIns: {
        'actions/setup-node': () => ({}),
        'actions/attest-build-provenance': (withs) => {
          attested.push(withs);
          return {};
        },
      },
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? scratch,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: event,
        GITHUB_REF: 'refs/tags/v1.5.0',
        GITHUB_REF_NAME: 'v1.5.0',
        GITHUB_SHA: commit,
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_API_URL: github.url,
      },
    });
    expect(run.conclusion, run.log).toBe('success');
    expect(run.outputs).toMatchObject({
      'model-name': 'hello-world',
      'model-version': '1005000',
      'run-id': '301',
      image: '',
      'release-url': `https://github.com/${REPOSITORY}/releases/tag/v1.5.0`,
    });
    expect(run.steps.filter(([, outcome]) => outcome === 'skipped').map(([step]) => step)).toEqual([
      'Set up QEMU',
      'image',
      'Attest the image',
    ]);
    // The model is attested even without an image: the file the release carries.
    expect(attested).toEqual([
      { 'subject-path': join(repo.dir, '.cd4ml/release/models/hello-world/1005000/model.onnx') },
    ]);
    expect(github.repo.releases.find((r) => r.tag_name === 'v1.5.0')).toMatchObject({
      draft: false,
    });
  });
});
