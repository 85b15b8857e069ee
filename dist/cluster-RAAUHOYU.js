import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  serveClusterShadow
} from "./chunk-ENZ4XUBW.js";
import {
  require_prom_client
} from "./chunk-TNUTV5YI.js";
import "./chunk-AGTEKTRD.js";
import "./chunk-5ZLPMS4V.js";
import "./chunk-TZI6WE27.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-JK3JTSK4.js";
import "./chunk-GDE4YRT6.js";
import {
  __toESM
} from "./chunk-WARPCWE3.js";

// serving/cluster.ts
var import_prom_client = __toESM(require_prom_client(), 1);
import cluster from "node:cluster";
function isMetricsRequest(m) {
  return typeof m === "object" && m !== null && m.type === "cd4ml:metrics";
}
function isMetricsReply(m) {
  return typeof m === "object" && m !== null && m.type === "cd4ml:metrics-reply";
}
var SERVER_V8_FLAGS = ["--min-semi-space-size=16", "--max-semi-space-size=32"];
var WORKER_V8_FLAGS = ["--single-threaded-gc", ...SERVER_V8_FLAGS];
function workerExecArgv(execArgv, nodeOptions = "") {
  const given = new Set(
    [...execArgv, ...nodeOptions.split(/\s+/)].map(
      (arg) => arg.split("=")[0].replaceAll("_", "-")
    )
  );
  return [...execArgv, ...WORKER_V8_FLAGS.filter((flag) => !given.has(flag.split("=")[0]))];
}
function isClusterWorker() {
  return cluster.isWorker;
}
function runPrimary(workers, log) {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const aggregator = new import_prom_client.AggregatorRegistry();
  serveClusterShadow();
  let stopping = false;
  const onMessage = (worker, message) => {
    if (!isMetricsRequest(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: "cd4ml:metrics-reply", id: message.id, text }),
      (err) => worker.send({
        type: "cd4ml:metrics-reply",
        id: message.id,
        text: `# cluster metrics failed: ${String(err)}
`
      })
    );
  };
  cluster.on("message", onMessage);
  const fork = () => {
    cluster.fork();
  };
  for (let i = 0; i < workers; i++) fork();
  const listening = /* @__PURE__ */ new Set();
  cluster.on("listening", (worker) => listening.add(worker.id));
  return new Promise((resolve) => {
    let failed = false;
    cluster.on("exit", (worker, code, signal) => {
      if (!stopping && !listening.has(worker.id)) {
        log("worker failed to start: stopping", { pid: worker.process.pid, code, signal });
        stopping = true;
        failed = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      } else if (!stopping) {
        log("worker exited unexpectedly: starting a new one", {
          pid: worker.process.pid,
          code,
          signal
        });
        fork();
        return;
      }
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) resolve(failed ? 1 : 0);
    });
    function stop(signal) {
      if (stopping) return;
      stopping = true;
      log("relaying shutdown to workers", { signal });
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    }
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}
function workerMetrics(registry) {
  new import_prom_client.AggregatorRegistry();
  import_prom_client.AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const pending = /* @__PURE__ */ new Map();
  process.on("message", (message) => {
    if (!isMetricsReply(message)) return;
    pending.get(message.id)?.(message.text);
    pending.delete(message.id);
  });
  return () => new Promise((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error("the cluster primary did not answer the metrics request within 5 s"));
    }, 5e3);
    pending.set(id, (text) => {
      clearTimeout(timer);
      resolve(text);
    });
    process.send?.({ type: "cd4ml:metrics", id });
  });
}
export {
  SERVER_V8_FLAGS,
  WORKER_V8_FLAGS,
  isClusterWorker,
  runPrimary,
  workerExecArgv,
  workerMetrics
};
//# sourceMappingURL=cluster-RAAUHOYU.js.map
