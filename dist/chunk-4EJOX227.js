import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  Cd4mlError
} from "./chunk-VA77YMJ5.js";

// core/ui-data/export.ts
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { copyFile, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var MARKER = ".cd4ml-ui";
function isAsset(name) {
  return /^(app\.(js|css)|chunk-[A-Za-z0-9]+\.js)$/.test(name);
}
function readPage(assets) {
  return readFile(join(assets, "index.html"), "utf8");
}
function fillPage(template, mode, first) {
  const json = JSON.stringify(first).replace(/</g, "\\u003c");
  return template.replace("__MODE__", mode).replace(
    "<!--first-page-->",
    () => `<script type="application/json" id="first-page">${json}</script>`
  );
}
async function exportSite(data, assets, dir) {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, MARKER))) {
    throw new Cd4mlError("E_USAGE", `${dir} is not empty and is not a cd4ml ui export`, {
      location: { file: "<command line>", field: "export" },
      hint: "export into a new or empty directory (an earlier export is replaced)"
    });
  }
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  let files = 0;
  const write = (path, text) => {
    const full = join(staging, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    files++;
  };
  try {
    mkdirSync(staging, { recursive: true });
    write(MARKER, "cd4ml ui --export\n");
    write(".nojekyll", "");
    write("index.html", fillPage(await readPage(assets), "static", data.firstPage()));
    for (const asset of readdirSync(assets).filter(isAsset))
      await copyFile(join(assets, asset), join(staging, asset));
    write("data/runs.json", JSON.stringify(data.index()));
    for (const id of data.ids()) {
      const detail = await data.run(id);
      if (!detail) continue;
      write(`data/run/${id}.json`, JSON.stringify(detail));
      write(`data/run/${id}/cd4ml-run.json`, await data.file(id, "cd4ml-run.json") ?? "");
      const predictions = await data.file(id, "predictions.csv");
      if (predictions !== null) write(`data/run/${id}/predictions.csv`, predictions);
      if (detail.previous) {
        const result = await data.compare(id, detail.previous);
        if (result) write(`data/compare/${id}/${detail.previous}.json`, JSON.stringify(result));
      }
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { runs: data.ids().length, files: files + 2 };
}

export {
  isAsset,
  readPage,
  fillPage,
  exportSite
};
//# sourceMappingURL=chunk-4EJOX227.js.map
