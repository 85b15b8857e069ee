import type { FastifyInstance } from 'fastify';
import { begin, defaultModel } from '../context.js';
import type { ServingContext } from '../context.js';
import {
  checkRows,
  feedsFromColumnar,
  feedsFromInstances,
  runModel,
  sendJson,
  writeNamed,
  writeRows,
} from '../inference.js';
import { writeJson } from '../json-response.js';
import { TfPredictRequest, parseBody } from '../schema.js';

/**
 * The routes a platform names (serving/platforms.ts): health routes answer 200 once every
 * model is serving (503 before), as Vertex AI's and Azure ML's probes expect; predict routes
 * take Vertex AI's `{"instances": [...], "parameters": {...}}` (or columnar `inputs`) for the
 * default model and answer `{"predictions": [...]}`. A route the server already has is left
 * as it is (e.g. AIP_HEALTH_ROUTE=/v2/health/ready).
 */
export function registerPlatformRoutes(
  app: FastifyInstance,
  ctx: ServingContext,
  routes: { health: readonly string[]; predict: readonly string[] },
): void {
  // A literal ':' in a fastify path is '::' (Vertex AI's predict route ends in ':predict').
  const literal = (path: string): string => path.replace(/:/g, '::');
  for (const url of new Set(routes.health.map(literal))) {
    if (app.hasRoute({ method: 'GET', url })) continue;
    app.get(url, async (request, reply) => {
      begin(request, reply, 'platform');
      const ready = ctx.models.ready;
      return reply.code(ready ? 200 : 503).send({ ready });
    });
  }
  for (const url of new Set(routes.predict.map(literal))) {
    if (app.hasRoute({ method: 'POST', url })) continue;
    app.post(url, async (request, reply) => {
      const info = begin(request, reply, 'platform');
      const body = parseBody(TfPredictRequest, request.body);
      const model = ctx.models.acquire(defaultModel(ctx));
      info.model = model.name;
      info.version = String(model.version);
      try {
        if (body.instances !== undefined) {
          const rows = Array.isArray(body.instances) ? body.instances.length : 0;
          const outputs = await runModel(
            model,
            feedsFromInstances(model, body.instances),
            ctx.shadow,
          );
          checkRows(outputs, rows);
          return sendJson(
            reply,
            writeJson((w) => {
              w.raw('{"predictions":');
              writeRows(w, outputs, rows);
              w.raw('}');
            }),
          );
        }
        const outputs = await runModel(model, feedsFromColumnar(model, body.inputs), ctx.shadow);
        return sendJson(
          reply,
          writeJson((w) => {
            w.raw('{"predictions":');
            writeNamed(w, outputs);
            w.raw('}');
          }),
        );
      } finally {
        model.release();
      }
    });
  }
}
