import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  mergeShadowCounts,
  summarizeShadow
} from "./chunk-AGTEKTRD.js";

// serving/shadow-cluster.ts
import cluster from "node:cluster";
var COLLECT_MS = 2e3;
function isMessage(m) {
  const type = m?.type;
  return typeof type === "string" && type.startsWith("cd4ml:shadow");
}
function serveClusterShadow() {
  let next = 0;
  const collecting = /* @__PURE__ */ new Map();
  cluster.on("message", (from, message) => {
    if (!isMessage(message)) return;
    if (message.type === "cd4ml:shadow-counts") collecting.get(message.id)?.(message.counts);
    if (message.type !== "cd4ml:shadow") return;
    const id = next++;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
    const parts = [];
    let answered = 0;
    const finish = () => {
      clearTimeout(timer);
      collecting.delete(id);
      const [first, ...rest] = parts;
      const counts = first ? mergeShadowCounts(first, rest) : null;
      from.send({ type: "cd4ml:shadow-reply", id: message.id, counts });
    };
    const timer = setTimeout(finish, COLLECT_MS);
    collecting.set(id, (counts) => {
      if (counts) parts.push(counts);
      if (++answered === workers.length) finish();
    });
    const collect = { type: "cd4ml:shadow-collect", id, model: message.model };
    for (const w of workers) w?.send(collect);
  });
}
function clusterShadow(shadow) {
  let next = 0;
  const pending = /* @__PURE__ */ new Map();
  process.on("message", (message) => {
    if (!isMessage(message)) return;
    if (message.type === "cd4ml:shadow-collect")
      process.send?.({
        type: "cd4ml:shadow-counts",
        id: message.id,
        counts: shadow.counts(message.model)
      });
    if (message.type === "cd4ml:shadow-reply") pending.get(message.id)?.(message.counts);
  });
  return (model) => new Promise((resolve, reject) => {
    const id = next++;
    const done = (counts) => {
      clearTimeout(timer);
      pending.delete(id);
      try {
        resolve(counts ? summarizeShadow(counts) : shadow.summary(model));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    const timer = setTimeout(() => done(null), 2 * COLLECT_MS);
    pending.set(id, done);
    process.send?.({ type: "cd4ml:shadow", id, model });
  });
}

export {
  serveClusterShadow,
  clusterShadow
};
//# sourceMappingURL=chunk-ENZ4XUBW.js.map
