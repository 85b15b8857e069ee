import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  FRAGMENT_ARTIFACT_PREFIX,
  STAGE_ARTIFACT_PREFIX,
  artifactNameFor,
  fragmentArtifactFor,
  jobIdFor,
  uniqueNames
} from "./chunk-TSBXPDKR.js";
import {
  ACTIONS,
  ALWAYS,
  CHECKOUT_STEP,
  DISPATCH_INPUTS,
  NODE_VERSION,
  RECORD_JOB,
  fragmentFile,
  inWorkdir,
  renderWorkflow,
  withOverrides
} from "./chunk-ER6RSFCX.js";
import {
  buildDag,
  producerIndex
} from "./chunk-5Z3I24KP.js";
import {
  loadPipeline
} from "./chunk-4B5GQXXT.js";
import "./chunk-NAJNBSQM.js";
import "./chunk-OE7PDYP2.js";
import "./chunk-OVJAGWQD.js";
import {
  findPipelineFile
} from "./chunk-LGJDPV4P.js";
import "./chunk-FDRDYCY3.js";
import "./chunk-TZI6WE27.js";
import "./chunk-P4FB7NFE.js";
import "./chunk-AMI25YWR.js";
import "./chunk-GLCB3FVJ.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import "./chunk-WARPCWE3.js";

// core/workflow/generate.ts
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

// core/workflow/plan.ts
function planJobs(stages, dag) {
  const units = planUnits(stages, dag);
  const ids = uniqueNames(
    units.map((u) => jobIdFor(u.matrix ? u.stages[0].group.name : u.stages[0].name)),
    [RECORD_JOB]
  );
  const unitOf = /* @__PURE__ */ new Map();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const plans = units.map((unit, i) => {
    const parents = /* @__PURE__ */ new Set();
    for (const stage of unit.stages)
      for (const up of dag.upstream.get(stage.name) ?? []) {
        const u = unitOf.get(up);
        if (u !== i) parents.add(u);
      }
    return {
      id: ids[i],
      stages: unit.stages,
      matrix: unit.matrix,
      needs: [...parents].sort((a, b) => a - b).map((u) => ids[u])
    };
  });
  return { plans, unitOf };
}
function planUnits(stages, dag) {
  const groups = /* @__PURE__ */ new Map();
  for (const stage of stages) {
    if (!stage.group) continue;
    const list = groups.get(stage.group.name);
    if (list) list.push(stage);
    else groups.set(stage.group.name, [stage]);
  }
  const shared = /* @__PURE__ */ new Set();
  for (const [group, members] of groups) {
    const labels = JSON.stringify(members[0].runsOn ?? null);
    if (members.length < 2) continue;
    if (members.some((m) => JSON.stringify(m.runsOn ?? null) !== labels)) continue;
    shared.add(group);
  }
  for (; ; ) {
    const units = buildUnits(stages, shared);
    const cyclic = cyclicGroup(units, dag);
    if (cyclic === void 0) return units;
    shared.delete(cyclic);
  }
}
function buildUnits(stages, shared) {
  const units = [];
  const byGroup = /* @__PURE__ */ new Map();
  for (const stage of stages) {
    const group = stage.group?.name;
    if (group !== void 0 && shared.has(group)) {
      const existing = byGroup.get(group);
      if (existing) {
        existing.stages.push(stage);
        continue;
      }
      const unit = { stages: [stage], matrix: true };
      byGroup.set(group, unit);
      units.push(unit);
    } else {
      units.push({ stages: [stage], matrix: false });
    }
  }
  return units;
}
function cyclicGroup(units, dag) {
  const unitOf = /* @__PURE__ */ new Map();
  units.forEach((unit, i) => unit.stages.forEach((s) => unitOf.set(s.name, i)));
  const edges = units.map(() => /* @__PURE__ */ new Set());
  units.forEach((unit, i) => {
    for (const stage of unit.stages)
      for (const down of dag.downstream.get(stage.name) ?? []) edges[i].add(unitOf.get(down));
  });
  for (let i = units.length - 1; i >= 0; i -= 1) {
    const unit = units[i];
    if (!unit.matrix) continue;
    const seen = /* @__PURE__ */ new Set();
    const stack = [...edges[i]];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === i) return unit.stages[0].group.name;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...edges[next]);
    }
  }
  return void 0;
}

// core/workflow/downloads.ts
function written(stage) {
  return [.../* @__PURE__ */ new Set([...stage.outs.map((o) => o.path), ...stage.plots ?? []])];
}
function downloads(parents, ctx, tolerant = false) {
  const { graph, artifacts, path } = ctx;
  const steps = [];
  const done = /* @__PURE__ */ new Set();
  for (const up of parents) {
    if (done.has(up)) continue;
    const plan = graph.plans[graph.unitOf.get(up)];
    const members = plan.stages.map((s) => s.name);
    if (plan.matrix && members.every((m) => parents.includes(m))) {
      members.forEach((m) => done.add(m));
      const group = plan.stages[0].group.name;
      steps.push({
        name: `Download the outs of ${group}@*`,
        uses: ACTIONS.download,
        with: { pattern: `${artifactNameFor(group)}@*`, "merge-multiple": true, path }
      });
      continue;
    }
    done.add(up);
    steps.push({
      name: `Download the outs of ${up}`,
      uses: ACTIONS.download,
      // By `name`, a missing artifact fails the step (a parent must have left its outs);
      // the final job's `pattern` (the name itself, escaped) lets a stage whose job never
      // ran leave nothing.
      with: tolerant ? { pattern: escapeGlob(artifacts.get(up)), "merge-multiple": true, path } : { name: artifacts.get(up), path }
    });
  }
  return steps;
}
function escapeGlob(name) {
  return name.replace(/[*?[\]{}()!+@]/g, "\\$&");
}

// core/workflow/record-job.ts
function recordJob(ctx) {
  return {
    name: "Record the run",
    needs: ctx.sinks,
    if: ALWAYS,
    "runs-on": "ubuntu-latest",
    steps: [
      CHECKOUT_STEP,
      { uses: ACTIONS.setupNode, with: { "node-version": NODE_VERSION } },
      {
        name: "Download every stage\u2019s result",
        uses: ACTIONS.download,
        with: {
          pattern: `${FRAGMENT_ARTIFACT_PREFIX}*`,
          "merge-multiple": true,
          path: ctx.path
        }
      },
      ...recordDownloads(ctx),
      // Fails (after writing the lock and the record) when a stage failed, like `cd4ml run`:
      // the run artifact is still written and uploaded, the model artifact is not.
      {
        name: "Assemble the lock and the run record",
        run: withOverrides("$CD4ML workflow assemble")
      },
      // Then what the root action does after its stages, by the root action itself in
      // `mode: record`: the baseline found over REST and its history carried forward
      // (`record --history-from`), the job summary (with the report when a baseline
      // exists), cd4ml-run and cd4ml-model uploaded, the job failed when a stage failed.
      {
        name: "Record the run and upload it",
        if: ALWAYS,
        uses: ctx.action,
        with: {
          mode: "record",
          cache: "false",
          ...ctx.workdir ? { "working-directory": ctx.workdir } : {}
        }
      }
    ]
  };
}
function recordDownloads(ctx) {
  const { pipeline, stages } = ctx;
  const wanted = [
    ...pipeline.metrics,
    ...pipeline.stats,
    ...pipeline.model ? [pipeline.model] : [],
    ...pipeline.predictions ? [pipeline.predictions] : [],
    ...stages.flatMap((s) => [
      ...s.outs.filter((o) => o.metric).map((o) => o.path),
      ...s.plots ?? [],
      ...s.group ? s.outs.filter((o) => o.path.endsWith(".onnx")).map((o) => o.path) : []
    ])
  ];
  const producers = producerIndex(
    stages.flatMap((s) => written(s).map((out) => ({ stage: s.name, path: out })))
  );
  const needed = new Set(wanted.flatMap((file) => producers(file).map((p) => p.stage)));
  if (needed.size === stages.length)
    return [
      {
        name: "Download every stage\u2019s outs",
        uses: ACTIONS.download,
        with: { pattern: `${STAGE_ARTIFACT_PREFIX}*`, "merge-multiple": true, path: ctx.path }
      }
    ];
  return downloads(
    stages.filter((s) => needed.has(s.name)).map((s) => s.name),
    ctx,
    true
  );
}

// core/workflow/stage-job.ts
import { createHash } from "node:crypto";
function stageJob(plan, ctx) {
  const { dag, order, artifacts, at } = ctx;
  const parents = [...new Set(plan.stages.flatMap((s) => [...dag.upstream.get(s.name) ?? []]))].filter((up) => !plan.stages.some((s) => s.name === up)).sort((a, b) => order.get(a) - order.get(b));
  const first = plan.stages[0];
  const stageRef = plan.matrix ? "${{ matrix.stage }}" : first.name;
  const artifactRef = plan.matrix ? "${{ matrix.artifact }}" : artifacts.get(first.name);
  const fragmentRef = plan.matrix ? "${{ matrix.fragment }}" : fragmentArtifactFor(artifacts.get(first.name));
  const outsRef = plan.matrix ? "${{ matrix.outs }}" : written(first).map(at).join("\n");
  return {
    name: plan.matrix ? `${first.group.name} (\${{ matrix.stage }})` : first.name,
    ...plan.needs.length > 0 ? { needs: plan.needs } : {},
    "runs-on": runsOn(first),
    ...jobTimeout(plan.stages),
    ...plan.matrix ? {
      strategy: {
        "fail-fast": false,
        matrix: {
          include: plan.stages.map((s) => ({
            stage: s.name,
            artifact: artifacts.get(s.name),
            fragment: fragmentArtifactFor(artifacts.get(s.name)),
            outs: written(s).map(at).join("\n")
          }))
        }
      }
    } : {},
    env: { CD4ML_STAGE: stageRef, CD4ML_ARTIFACT: artifactRef },
    steps: [
      CHECKOUT_STEP,
      { uses: ACTIONS.setupNode, with: { "node-version": NODE_VERSION } },
      ...ctx.setup,
      ...downloads(parents, ctx),
      {
        name: "Restore the run-cache",
        uses: ACTIONS.cache,
        with: {
          path: at(".cd4ml/cache"),
          key: `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-${definitionHash(plan.stages)}-${hashFilesOf(plan.stages, at)}`,
          "restore-keys": `cd4ml-run-cache-\${{ runner.os }}-${artifactRef}-`
        }
      },
      { name: "Run the stage", run: withOverrides('$CD4ML run --single "$CD4ML_STAGE"') },
      {
        name: "Record the stage for the final job",
        if: ALWAYS,
        run: `$CD4ML workflow fragment "$CD4ML_STAGE" "${fragmentFile("$CD4ML_ARTIFACT")}"`
      },
      ...uploads(artifactRef, fragmentRef, outsRef, ctx)
    ]
  };
}
function uploads(artifactRef, fragmentRef, outsRef, ctx) {
  const { at } = ctx;
  return [
    {
      name: "Upload the outs",
      if: ALWAYS,
      uses: ACTIONS.upload,
      with: {
        name: artifactRef,
        // The fragment sits in the pipeline's directory, so that directory is the
        // artifact's root and every out lands back at its own path when downloaded.
        path: [at(fragmentFile(artifactRef)), ...outsRef ? [outsRef] : []].join("\n"),
        "if-no-files-found": "error",
        "include-hidden-files": true,
        "retention-days": ctx.retentionDays,
        overwrite: true
      }
    },
    {
      // The fragment alone too: the final job needs every stage's result, not every out.
      name: "Upload the stage\u2019s result",
      if: ALWAYS,
      uses: ACTIONS.upload,
      with: {
        name: fragmentRef,
        path: at(fragmentFile(artifactRef)),
        "if-no-files-found": "error",
        // A pipeline under a dot-directory (`.ml/cd4ml.yaml`) puts the fragment there too.
        "include-hidden-files": true,
        "retention-days": ctx.retentionDays,
        overwrite: true
      }
    }
  ];
}
function jobTimeout(stages) {
  if (stages.some((s) => s.timeoutMs === void 0)) return {};
  const longest = Math.max(...stages.map((s) => (s.timeoutMs ?? 0) * (s.retries + 1)));
  return { "timeout-minutes": Math.ceil(longest / 6e4) + 30 };
}
function runsOn(stage) {
  const labels = stage.runsOn ?? [];
  if (labels.length === 0) return "ubuntu-latest";
  return labels.length === 1 ? labels[0] : [...labels];
}
function hashFilesOf(stages, at) {
  const patterns = /* @__PURE__ */ new Set();
  for (const stage of stages) {
    for (const dep of stage.deps) patterns.add(at(dep));
    for (const param of stage.params) patterns.add(at(param.file));
  }
  if (patterns.size === 0) return "no-deps";
  return `\${{ hashFiles(${[...patterns].map(quote).join(", ")}) }}`;
}
function definitionHash(stages) {
  const definition = stages.map((s) => [s.name, s.cmd, s.wdir, s.outs.map((o) => o.path), s.env]);
  return createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 12);
}
function quote(text) {
  return `'${text.replace(/'/g, "''")}'`;
}

// core/workflow/compile.ts
function compileWorkflow(pipeline, dag, opts) {
  const order = new Map(dag.order.map((name, i) => [name, i]));
  const stages = dag.order.map((name) => dag.stages.get(name));
  const artifactNames = uniqueNames(stages.map((s) => artifactNameFor(s.name)));
  const artifacts = new Map(stages.map((s, i) => [s.name, artifactNames[i]]));
  const graph = planJobs(stages, dag);
  const path = opts.workdir || ".";
  const jobs = {};
  const context = {
    graph,
    artifacts,
    path,
    dag,
    order,
    at: inWorkdir(opts.workdir),
    setup: opts.setup ?? [],
    retentionDays: opts.retentionDays ?? 1
  };
  for (const plan of graph.plans) jobs[plan.id] = stageJob(plan, context);
  const downstream = new Set(graph.plans.flatMap((p) => p.needs));
  jobs[RECORD_JOB] = recordJob({
    graph,
    artifacts,
    path,
    pipeline,
    stages,
    sinks: graph.plans.filter((p) => !downstream.has(p.id)).map((p) => p.id),
    workdir: opts.workdir,
    action: opts.action ?? ACTIONS.root
  });
  const branch = opts.branch ?? "main";
  const workflow = {
    name: opts.name ?? "cd4ml pipeline",
    on: {
      push: { branches: [branch] },
      pull_request: {},
      workflow_dispatch: { inputs: DISPATCH_INPUTS }
    },
    // `actions: read`: the final job finds the baseline run and downloads its artifact.
    permissions: { actions: "read", contents: "read" },
    concurrency: {
      // A pull request's newer push cancels its older run. Every other run is a group of
      // its own: a group holds one running and one pending run and cancels the pending one
      // when another queues, which would leave commits of the branch without their
      // cd4ml-run artifact (the next pull request's baseline).
      group: "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}",
      "cancel-in-progress": "${{ github.event_name == 'pull_request' }}"
    },
    // Empty but on a dispatch: what the stage jobs and the final job pass as `--set`.
    env: { CD4ML: opts.cli, CD4ML_OVERRIDES: "${{ inputs.overrides }}" },
    defaults: {
      run: { shell: "bash", ...opts.workdir ? { "working-directory": opts.workdir } : {} }
    },
    jobs
  };
  return { workflow, plans: graph.plans, artifacts };
}

// core/workflow/generate.ts
var DEFAULT_WORKFLOW_FILE = ".github/workflows/cd4ml-pipeline.yml";
var SETUP_ACTION_DIR = ".github/actions/cd4ml-setup";
function generateWorkflow(opts) {
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
    ...opts.branch !== void 0 ? { branch: opts.branch } : {},
    ...opts.retentionDays !== void 0 ? { retentionDays: opts.retentionDays } : {}
  });
  const pipelineRel = toPosix(relative(repoRoot, pipelineFile));
  const args = ["cd4ml workflow"];
  if (!isDefaultPipeline(repoRoot, pipelineFile)) args.push(`-f ${pipelineRel}`);
  const outRel = toPosix(relative(repoRoot, out));
  if (outRel !== DEFAULT_WORKFLOW_FILE) args.push(`--out ${outRel}`);
  if (opts.branch !== void 0) args.push(`--branch ${opts.branch}`);
  if (opts.retentionDays !== void 0) args.push(`--retention-days ${opts.retentionDays}`);
  if (opts.cli !== void 0) args.push(`--cli ${JSON.stringify(opts.cli)}`);
  const command = args.join(" ");
  const text = renderWorkflow(compiled, { pipelineFile: pipelineRel, command });
  return { text, out, repoRoot, command };
}
function setupSteps(repoRoot, root, workdir) {
  const action = join(repoRoot, SETUP_ACTION_DIR);
  if (existsSync(join(action, "action.yml")) || existsSync(join(action, "action.yaml")))
    return [{ name: "Set up the stage environment", uses: `./${SETUP_ACTION_DIR}` }];
  if (existsSync(join(root, "requirements.txt"))) {
    const requirements = workdir ? `${workdir}/requirements.txt` : "requirements.txt";
    return [
      {
        uses: "actions/setup-python@v5",
        with: { "python-version": "3.12", cache: "pip", "cache-dependency-path": requirements }
      },
      { name: "Install the Python requirements", run: "pip install -r requirements.txt" }
    ];
  }
  return [];
}
function findRepoRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
function isDefaultPipeline(repoRoot, pipelineFile) {
  try {
    return findPipelineFile(repoRoot) === pipelineFile;
  } catch {
    return false;
  }
}
function toPosix(path) {
  return path.split(sep).join("/");
}
export {
  generateWorkflow
};
//# sourceMappingURL=generate-4CZVPF4Z.js.map
