import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  pinpoint
} from "./chunk-P4FB7NFE.js";
import {
  Cd4mlAggregateError,
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/pipeline/dag.ts
import { posix } from "node:path";
function buildDag(pipeline, exists) {
  const stages = new Map(pipeline.stages.map((stage) => [stage.name, stage]));
  const upstream = /* @__PURE__ */ new Map();
  const downstream = /* @__PURE__ */ new Map();
  for (const name of stages.keys()) {
    upstream.set(name, /* @__PURE__ */ new Set());
    downstream.set(name, /* @__PURE__ */ new Set());
  }
  const producers = pipeline.stages.flatMap(
    (stage) => stage.outs.map((out) => ({ stage: stage.name, path: out.path }))
  );
  const related = producerIndex(producers);
  const errors = [];
  for (const stage of pipeline.stages) {
    for (const [i, dep] of stage.deps.entries()) {
      const from = related(dep);
      for (const producer of from) {
        if (producer.stage === stage.name) continue;
        upstream.get(stage.name)?.add(producer.stage);
        downstream.get(producer.stage)?.add(stage.name);
      }
      if (from.length === 0 && !exists(dep)) {
        errors.push(
          new Cd4mlError(
            "E_SPEC",
            `dep '${dep}' of stage '${stage.name}' is neither a file nor an out of any stage`,
            {
              location: pinpoint(stage.depLocations[i] ?? stage.location),
              hint: "create the file, fix the path (deps are relative to the stage wdir), or add it to the outs of the stage that writes it"
            }
          )
        );
      }
    }
  }
  if (errors.length > 0) throw new Cd4mlAggregateError(errors);
  const order = topologicalOrder(stages, upstream, downstream);
  return { stages, upstream, downstream, order };
}
function producerIndex(producers) {
  const at = /* @__PURE__ */ new Map();
  const below = /* @__PURE__ */ new Map();
  const everything = [];
  const add = (map, key, i) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  producers.forEach((producer, i) => {
    if (producer.path === ".") everything.push(i);
    add(at, producer.path, i);
    for (let slash = producer.path.lastIndexOf("/"); slash > 0; slash = producer.path.lastIndexOf("/", slash - 1)) {
      add(below, producer.path.slice(0, slash), i);
    }
  });
  return (dep) => {
    if (dep === ".") return [...producers];
    const found = /* @__PURE__ */ new Set([
      ...everything,
      ...at.get(dep) ?? [],
      ...below.get(dep) ?? []
    ]);
    for (let slash = dep.lastIndexOf("/"); slash > 0; slash = dep.lastIndexOf("/", slash - 1)) {
      for (const i of at.get(dep.slice(0, slash)) ?? []) found.add(i);
    }
    return [...found].sort((a, b) => a - b).map((i) => producers[i]);
  };
}
function topologicalOrder(stages, upstream, downstream) {
  const remaining = new Map([...upstream].map(([name, ups]) => [name, ups.size]));
  const queue = [...stages.keys()].filter((name) => remaining.get(name) === 0);
  const order = [];
  while (queue.length > 0) {
    const name = queue.shift();
    order.push(name);
    for (const next of downstream.get(name) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length < stages.size) {
    const cycle = findCycle(
      new Set([...stages.keys()].filter((name) => !order.includes(name))),
      upstream
    );
    const first = stages.get(cycle[0] ?? "");
    throw new Cd4mlError("E_DAG_CYCLE", `the pipeline has a cycle: ${cycle.join(" -> ")}`, {
      location: first ? pinpoint(first.location, { key: true }) : void 0,
      hint: "a stage cannot depend, directly or through others, on its own outs: remove one of these deps"
    });
  }
  return order;
}
function findCycle(nodes, upstream) {
  const start = [...nodes][0] ?? "";
  const seen = /* @__PURE__ */ new Map();
  const path = [];
  let current = start;
  while (!seen.has(current)) {
    seen.set(current, path.length);
    path.push(current);
    current = [...upstream.get(current) ?? []].find((up) => nodes.has(up)) ?? start;
  }
  return [...path.slice(seen.get(current)), current].reverse();
}
function selectStages(dag, targets) {
  if (targets.length === 0) return dag.order;
  const wanted = /* @__PURE__ */ new Set();
  const visit = (name) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    if (dag.stages.get(name)?.frozen) return;
    for (const up of dag.upstream.get(name) ?? []) visit(up);
  };
  for (const target of targets) {
    const matches = targetStages(dag, target);
    if (matches.length === 0) {
      throw new Cd4mlError("E_USAGE", `no stage named '${target}'`, {
        hint: `stages are: ${[...dag.stages.keys()].join(", ")}`
      });
    }
    matches.forEach(visit);
  }
  return dag.order.filter((name) => wanted.has(name));
}
function targetStages(dag, target) {
  const colon = target.lastIndexOf(":", target.includes("@") ? target.indexOf("@") : void 0);
  const file = colon > 0 ? posix.normalize(target.slice(0, colon)) : posix.normalize(target);
  if (colon <= 0 && posix.basename(file) === "dvc.yaml")
    return [...dag.stages.values()].filter((stage) => (stage.dvcfile?.file ?? "dvc.yaml") === file).map((stage) => stage.name);
  const name = colon > 0 && file !== "dvc.yaml" ? `${file}:${target.slice(colon + 1)}` : target.slice(colon + 1);
  return dag.stages.has(name) ? [name] : [...dag.stages.keys()].filter((stage) => stage.startsWith(`${name}@`));
}
function dagToMermaid(dag) {
  const id = new Map([...dag.stages.keys()].map((name, i) => [name, `s${i}`]));
  const lines = ["flowchart TD"];
  for (const name of dag.order) lines.push(`  ${id.get(name)}["${name.replace(/"/g, "#quot;")}"]`);
  for (const name of dag.order)
    for (const down of dag.downstream.get(name) ?? [])
      lines.push(`  ${id.get(name)} --> ${id.get(down)}`);
  return lines.join("\n");
}
function dagToText(dag) {
  return dag.order.map((name) => {
    const ups = [...dag.upstream.get(name) ?? []];
    return ups.length === 0 ? `${name}` : `${name}  <- ${ups.join(", ")}`;
  }).join("\n");
}

export {
  buildDag,
  producerIndex,
  selectStages,
  dagToMermaid,
  dagToText
};
//# sourceMappingURL=chunk-5Z3I24KP.js.map
