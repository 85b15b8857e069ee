import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  mergeShadowCounts,
  summarizeShadow
} from "./chunk-GHLLONTW.js";

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
    const finish = () => {
      clearTimeout(timer);
      collecting.delete(id);
      const [first, ...rest] = parts;
      const counts = first ? mergeShadowCounts(first, rest) : null;
      from.send({ type: "cd4ml:shadow-reply", id: message.id, counts });
    };
    const timer = setTimeout(finish, COLLECT_MS);
    collecting.set(id, (counts) => {
      parts.push(counts);
      if (parts.length === workers.length) finish();
    });
    for (const w of workers) w?.send({ type: "cd4ml:shadow-collect", id });
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
        counts: shadow.counts()
      });
    if (message.type === "cd4ml:shadow-reply") pending.get(message.id)?.(message.counts);
  });
  return () => new Promise((resolve) => {
    const id = next++;
    const done = (counts) => {
      clearTimeout(timer);
      pending.delete(id);
      resolve(counts ? summarizeShadow(counts) : shadow.summary());
    };
    const timer = setTimeout(() => done(null), 2 * COLLECT_MS);
    pending.set(id, done);
    process.send?.({ type: "cd4ml:shadow", id });
  });
}

export {
  serveClusterShadow,
  clusterShadow
};
//# sourceMappingURL=chunk-DPLGXXQA.js.map
