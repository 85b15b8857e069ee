/**
 * The JavaScript steps of `actions/release` (a composite action runs them with node
 * between the Docker steps):
 * - `prepare`: find the successful push run of the tagged commit, download its
 *   `cd4ml-model` and `cd4ml-run` artifacts, lay out the model repository
 *   `models/<name>/<version>/model.onnx` (+ model card) and the release notes;
 * - `publish`: create the GitHub Release as a draft, upload the model and the report, then
 *   publish it (immutable releases refuse assets added after publishing).
 */
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { unzipSync } from 'fflate';
import { modelVersionOf } from '../../../core/deploy/version.js';
import { Cd4mlError } from '../../../core/errors.js';
import {
  MODEL_ARTIFACT_NAME,
  RECORD_ENTRY,
  RUN_ARTIFACT_NAME,
} from '../../../core/run-artifact/layout.js';
import { MODEL_CARD_JSON, MODEL_CARD_MD, MODEL_FILE } from '../../../core/run-artifact/model.js';
import { readRunArtifactZip, readRunArtifactDir } from '../../../core/run-artifact/read.js';
import { restArtifacts, type ArtifactContent, type RunArtifacts } from '../artifacts.js';
import { readContext, type ActionContext } from '../context.js';
import { apiError } from '../../../github/errors.js';
import { parse, WorkflowRuns } from '../../../github/schemas.js';
import { createGitHub, type GitHub } from '../github.js';
import { releaseInputs, inputError, type Env, type ReleaseInputs } from '../inputs.js';
import { imageOutputs, labelsOutput, writeManifest } from './image.js';
import { publish } from './publish.js';
import { TagCommit } from './schemas.js';
import { pipelineSummary } from '../summary.js';

export interface ReleaseDeps {
  fetch?: typeof globalThis.fetch;
  artifacts?: RunArtifacts;
  /** The action checkout's root: the serving image's build context. */
  actionRoot: string;
}

const MODEL_BYTES_CAP = 2 * 1024 * 1024 * 1024;
/** GitHub's cap on a release body (125,000), less room for the image line publish adds. */
const MAX_NOTES_CHARS = 120_000;
/** The directory, inside the build context, the Dockerfile's MODELS argument points at. */
const CONTEXT_MODELS = '.cd4ml-release-models';

export async function runReleaseAction(
  env: Env,
  phase: 'prepare' | 'publish',
  deps: ReleaseDeps,
): Promise<void> {
  const inputs = releaseInputs(env, phase);
  const context = readContext(env);
  const github = createGitHub(inputs.token, { baseUrl: context.apiUrl, fetch: deps.fetch });
  const outDir = resolve(context.workspace, inputs.outDir);
  if (phase === 'prepare') {
    // Checked first: a tag that names no version or image fails before any download.
    const image = imageOutputs(inputs, context);
    const version = inputs.modelVersion ?? derivedModelVersion(inputs.tag);
    await prepare(github, context, inputs, version, outDir, deps);
    for (const [name, value] of Object.entries(image)) core.setOutput(name, value);
  } else {
    await publish(github, context, inputs, outDir);
  }
}

/** The model version of `tag` (core/deploy/version.ts), as an error about the input when it has none. */
function derivedModelVersion(tag: string): number {
  try {
    return modelVersionOf(tag);
  } catch (error) {
    if (!(error instanceof Cd4mlError)) throw error;
    throw inputError(
      'model-version',
      `is empty and ${error.message.split('\n')[0]}`,
      'tag releases v<major>.<minor>.<patch>, or pass `model-version: <integer>`',
    );
  }
}

async function prepare(
  github: GitHub,
  context: ActionContext,
  inputs: ReleaseInputs,
  version: number,
  outDir: string,
  deps: ReleaseDeps,
): Promise<void> {
  const { tag } = inputs;
  const sha = await commitOfTag(github, context, tag);
  const { run, files, runArtifact } = await modelRun(github, context, sha, deps);
  const modelName =
    inputs.modelName ?? context.repo.repo.toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
  const repository = join(outDir, 'models');
  const versionDir = join(repository, modelName, String(version));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(versionDir, { recursive: true });
  for (const [file, bytes] of files) await writeFile(join(versionDir, file), bytes);
  const onnx = files.get(MODEL_FILE) as Uint8Array;
  const sha256 = await writeManifest(repository, {
    tag,
    commit: sha,
    name: modelName,
    version,
    onnx,
  });
  const card = files.get(MODEL_CARD_MD);
  const report = releaseNotes({ modelName, version, run, sha, sha256, card, runArtifact });
  await writeFile(join(outDir, 'report.md'), report);
  if (runArtifact)
    await writeFile(join(outDir, RECORD_ENTRY), JSON.stringify(runArtifact.record, null, 2));

  // The serving image is built from the action's checkout with the models inside it.
  const contextModels = join(deps.actionRoot, CONTEXT_MODELS);
  await rm(contextModels, { recursive: true, force: true });
  await cp(repository, contextModels, { recursive: true });

  core.setOutput('model-repository', repository);
  core.setOutput('model-name', modelName);
  core.setOutput('model-version', String(version));
  core.setOutput('model-file', join(versionDir, MODEL_FILE));
  core.setOutput('run-id', String(run.id));
  core.setOutput('commit', sha);
  core.setOutput('build-context', deps.actionRoot);
  core.setOutput('image-labels', labelsOutput(context, inputs, sha));
  core.setOutput('model-sha256', sha256);
  core.setOutput('models-build-arg', CONTEXT_MODELS);
  await core.summary
    .addRaw(
      `### Release ${tag}: model ${modelName} version ${version}\n\nFrom workflow run ${run.id} at \`${sha.slice(0, 7)}\`.\n`,
    )
    .write();
}

interface ModelRun {
  run: PushRun;
  /** model.onnx (always) and the model card files the artifact has. */
  files: Map<string, Uint8Array>;
  runArtifact: Awaited<ReturnType<typeof readRunArtifactDir>> | null;
}

/**
 * The commit's successful push run that uploaded a model, its model files and its run
 * artifact. Other workflows (this release one, a lint job) ran on the commit too: the
 * newest that uploaded a model is the one to release.
 */
async function modelRun(
  github: GitHub,
  context: ActionContext,
  sha: string,
  deps: ReleaseDeps,
): Promise<ModelRun> {
  const artifacts = deps.artifacts ?? restArtifacts(github, context.repo);
  let found: { run: PushRun; model: ArtifactContent } | null = null;
  for (const run of await pushRunsOf(github, context, sha)) {
    const model = await artifacts.download(run.id, MODEL_ARTIFACT_NAME, MODEL_BYTES_CAP);
    if (model) {
      found = { run, model };
      break;
    }
  }
  if (!found) {
    throw new Cd4mlError(
      'E_ARTIFACT',
      `no successful push run of ${sha.slice(0, 7)} has a ${MODEL_ARTIFACT_NAME} artifact`,
      {
        hint: 'tag a commit whose pipeline ran on push and succeeded; the pipeline must declare `model:` in cd4ml.yaml, and the artifact must not have expired (input `retention-days` of the root action)',
      },
    );
  }
  const { run, model } = found;
  const files = await filesOf(model, [MODEL_FILE, MODEL_CARD_MD, MODEL_CARD_JSON]);
  if (!files.has(MODEL_FILE))
    throw new Cd4mlError(
      'E_ARTIFACT',
      `the ${MODEL_ARTIFACT_NAME} artifact of run ${run.id} has no ${MODEL_FILE}`,
    );
  const content = await artifacts.download(run.id, RUN_ARTIFACT_NAME, 128 * 1024 * 1024);
  const runArtifact = !content
    ? null
    : content.kind === 'zip'
      ? readRunArtifactZip(content.bytes, `workflow run ${run.id} (artifact ${RUN_ARTIFACT_NAME})`)
      : await readRunArtifactDir(content.path);
  return { run, files, runArtifact };
}

/** The release notes: where the model comes from, its sha256, its card, the pipeline's summary. */
function releaseNotes(release: {
  modelName: string;
  version: number;
  run: PushRun;
  sha: string;
  sha256: string;
  card: Uint8Array | undefined;
  runArtifact: ModelRun['runArtifact'];
}): string {
  const { modelName, version, run, sha, sha256, card, runArtifact } = release;
  const notes = [
    `Model \`${modelName}\` version ${version}, trained by [workflow run ${run.id}](${run.url}) at \`${sha.slice(0, 7)}\`.`,
    '',
    `Model sha256: \`${sha256}\` (\`cd4ml serve --verify-models\` serves only this file).`,
    '',
  ];
  if (card) notes.push(new TextDecoder().decode(card), '');
  if (runArtifact) notes.push(pipelineSummary(runArtifact.record));
  const report = notes.join('\n');
  return report.length > MAX_NOTES_CHARS ? `${report.slice(0, MAX_NOTES_CHARS)}\n\n…` : report;
}

async function commitOfTag(github: GitHub, context: ActionContext, tag: string): Promise<string> {
  if (context.ref === `refs/tags/${tag}` && context.sha) return context.sha;
  let response;
  try {
    response = await github.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      ...context.repo,
      ref: tag,
    });
  } catch (error) {
    throw apiError(error, `finding the commit of tag ${tag}`, 'contents: read');
  }
  return parse(TagCommit, response.data, `GET /repos/${context.fullName}/commits/${tag}`).sha;
}

interface PushRun {
  id: number;
  url: string;
}

/** The newest successful push run of `sha` from this repository that uploaded a model. */
async function pushRunsOf(github: GitHub, context: ActionContext, sha: string): Promise<PushRun[]> {
  let runs;
  try {
    runs = await github.request('GET /repos/{owner}/{repo}/actions/runs', {
      ...context.repo,
      head_sha: sha,
      status: 'success',
      event: 'push',
      per_page: 100,
    });
  } catch (error) {
    throw apiError(error, `listing the workflow runs of ${sha.slice(0, 7)}`, 'actions: read');
  }
  const listed = parse(WorkflowRuns, runs.data, `GET /repos/${context.fullName}/actions/runs`);
  return listed.workflow_runs
    .filter(
      (r) =>
        r.conclusion === 'success' &&
        r.event === 'push' &&
        r.head_repository?.full_name === context.fullName,
    )
    .map((r) => ({
      id: r.id,
      url: r.html_url ?? `${context.serverUrl}/${context.fullName}/actions/runs/${r.id}`,
    }));
}

/** The named files of an artifact (zip or directory), by name; others are ignored. */
async function filesOf(
  content: ArtifactContent,
  names: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  if (content.kind === 'dir') {
    for (const entry of await readdir(content.path)) {
      if (names.includes(entry))
        files.set(entry, new Uint8Array(await readFile(join(content.path, entry))));
    }
    return files;
  }
  const unzipped = unzipSync(content.bytes, {
    filter: (file) => names.includes(file.name) && file.originalSize <= MODEL_BYTES_CAP,
  });
  for (const [name, data] of Object.entries(unzipped)) files.set(basename(name), data);
  return files;
}
