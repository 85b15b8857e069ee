import { createRequire as __cd4mlRequire } from 'node:module'; const require = __cd4mlRequire(import.meta.url);
import {
  fillPage,
  isAsset
} from "./chunk-4EJOX227.js";
import "./chunk-VA77YMJ5.js";
import "./chunk-WARPCWE3.js";

// cli/commands/ui-server.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8"
};
function uiHandler(options) {
  const assets = /* @__PURE__ */ new Map();
  const asset = (name) => assets.get(name) ?? assets.set(name, readFile(join(options.assets, name))).get(name);
  return async (request, response) => {
    const send = (status, type, body) => {
      response.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
      });
      response.end(request.method === "HEAD" ? void 0 : body);
    };
    const fail = (status, message) => send(status, "application/json; charset=utf-8", `${JSON.stringify({ error: message })}
`);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD");
      return fail(405, "the runs UI is read-only: use GET");
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://ui").pathname);
    } catch {
      return fail(400, "the path is not valid percent-encoding");
    }
    if (path === "/" || path === "/index.html") {
      const first = (await options.data()).firstPage();
      return send(200, "text/html; charset=utf-8", fillPage(options.page, "live", first));
    }
    if (isAsset(path.slice(1)))
      return send(200, TYPES[path.slice(path.lastIndexOf("."))], await asset(path.slice(1)));
    if (!path.startsWith("/data/"))
      return fail(
        404,
        `no such page: ${path} (the UI serves /, its app.js, app.css and chunks, and /data/\u2026)`
      );
    const { parseDataPath } = await import("./site-SP24ZYK3.js");
    const wanted = parseDataPath(path.slice("/data/".length));
    if (!wanted)
      return fail(404, `no such data file: ${path}; only the run store's runs are served`);
    const data = await options.data();
    const json = (value) => value === null ? fail(404, `no run with that id in the store: ${path}`) : send(200, TYPES[".json"], JSON.stringify(value));
    switch (wanted.kind) {
      case "index":
        return json(data.index());
      case "run":
        return json(await data.run(wanted.id));
      case "compare":
        return json(await data.compare(wanted.head, wanted.base));
      case "file": {
        const text = await data.file(wanted.id, wanted.name);
        return text === null ? fail(404, `${path}: no such file for that run`) : send(200, TYPES[wanted.name.slice(wanted.name.lastIndexOf("."))], text);
      }
    }
  };
}
export {
  uiHandler
};
//# sourceMappingURL=ui-server-JDKCQT7P.js.map
