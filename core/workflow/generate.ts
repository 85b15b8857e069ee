import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildDag } from '../pipeline/dag.js';
import { findPipelineFile } from '../pipeline/find.js';
import { loadPipeline } from '../pipeline/load.js';
import { compileWorkflow } from './compile.js';
import type { Step } from './model.js';
import { renderWorkflow } from './render.js';

/** Where `cd4ml workflow` writes by default, relative to the repository root. */
const DEFAULT_WORKFLOW_FILE = '.github/workflows/cd4ml-pipeline.yml';
/** A local composite action that, when present, prepares every stage job's environment. */
const SETUP_ACTION_DIR = '.github/actions/cd4ml-setup';

export interface GenerateOptions {
  /** Absolute path of the pipeline file. */
  pipelineFile: string;
  /** Where the workflow goes (absolute); default: DEFAULT_WORKFLOW_FILE under the repository root. */
  out?: string;
  /** The cd4ml version jobs install (`npx --yes cd4ml@<version>`), unless `cli` is given. */
  version: string;
  cli?: string;
  branch?: string;
  retentionDays?: number;
}

export interface Generated {
  text: string;
  /** Absolute path of the workflow file. */
  out: string;
  /** The repository root the paths in the workflow are relative to. */
  repoRoot: string;
  /** The command that regenerates this file, run from the repository root. */
  command: string;
}

/**
 * Compiles the pipeline file into workflow YAML, with paths relative to the repository
 * root (the nearest directory above the pipeline holding `.git`, else the pipeline's own).
 * Each stage job's environment comes from `.github/actions/cd4ml-setup` when the repository
 * has that composite action, else from `requirements.txt` beside the pipeline when present.
 */
export function generateWorkflow(opts: GenerateOptions): Generated {
  const pipelineFile = resolve(opts.pipelineFile);
  const root = dirname(pipelineFile);
  const repoRoot = findRepoRoot(root);
  const workdir = toPosix(relative(repoRoot, root));
  const out = opts.out ?? join(repoRoot, DEFAULT_WORKFLOW_FILE);
  const pipeline = loadPipeline(pipelineFile);
  const dag = buildDag(pipeline, (path) => existsSync(join(root, path)));
  const cli = opts.cli ?? `npx --yes cd4ml@${opts.version}`;
  const compiled = compileWorkflow(pipeline, dag, {
    workdir,
    cli,
    setup: setupSteps(repoRoot, root, workdir),
    ...(opts.branch !== undefined ? { branch: opts.branch } : {}),
    ...(opts.retentionDays !== undefined ? { retentionDays: opts.retentionDays } : {}),
  });
  const pipelineRel = toPosix(relative(repoRoot, pipelineFile));
  const args = ['cd4ml workflow'];
  if (!isDefaultPipeline(repoRoot, pipelineFile)) args.push(`-f ${pipelineRel}`);
  const outRel = toPosix(relative(repoRoot, out));
  if (outRel !== DEFAULT_WORKFLOW_FILE) args.push(`--out ${outRel}`);
  if (opts.branch !== undefined) args.push(`--branch ${opts.branch}`);
  if (opts.retentionDays !== undefined) args.push(`--retention-days ${opts.retentionDays}`);
  if (opts.cli !== undefined) args.push(`--cli ${JSON.stringify(opts.cli)}`);
  const command = args.join(' ');
  const text = renderWorkflow(compiled, { pipelineFile: pipelineRel, command });
  return { text, out, repoRoot, command };
}

function setupSteps(repoRoot: string, root: string, workdir: string): Step[] {
  const action = join(repoRoot, SETUP_ACTION_DIR);
  if (existsSync(join(action, 'action.yml')) || existsSync(join(action, 'action.yaml')))
    return [{ name: 'Set up the stage environment', uses: `./${SETUP_ACTION_DIR}` }];
  if (existsSync(join(root, 'requirements.txt'))) {
    const requirements = workdir ? `${workdir}/requirements.txt` : 'requirements.txt';
    return [
      {
        uses: 'actions/setup-python@v5',
        with: { 'python-version': '3.12', cache: 'pip', 'cache-dependency-path': requirements },
      },
      { name: 'Install the Python requirements', run: 'pip install -r requirements.txt' },
    ];
  }
  return [];
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function isDefaultPipeline(repoRoot: string, pipelineFile: string): boolean {
  try {
    return findPipelineFile(repoRoot) === pipelineFile;
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
