import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { begin } from '../context.js';
import type { ServingContext } from '../context.js';
import type { Feeds } from '../batching/batcher.js';
import { BadRequest, Unavailable } from '../http-error.js';
import {
  checkRows,
  feedsFromColumnar,
  feedsFromInstances,
  feedsFromNamed,
  runModel,
  sendJson,
  writeNamed,
  writeRows,
} from '../inference.js';
import { writeJson } from '../json-writer.js';
import type { ModelVersion } from '../models/loader.js';
import { MlflowRequest, parseBody } from '../schema.js';

/**
 * MLflow scoring server: `POST /invocations` with exactly one of
 * `dataframe_split`, `dataframe_records` (a pandas DataFrame: rows are instances)
 * or `instances`, `inputs` (tensors); `GET /ping`, `/health`, `/version`.
 *
 * As MLflow's ONNX flavor does: a model with one input takes the DataFrame's
 * values as a [rows, columns] tensor; a model with several inputs takes each
 * input from the column of the same name. DataFrame requests get one record
 * per row (`{"predictions": [{"label": 0, "probabilities": [...]}, ...]}`),
 * tensor requests get a dict of output arrays.
 */

function dataframeFeeds(
  model: ModelVersion,
  columns: string[] | undefined,
  rows: unknown[][],
): Feeds {
  if (rows.length === 0) throw new BadRequest('the DataFrame has no rows');
  if (model.inputs.length === 1) {
    if (columns) {
      rows.forEach((r, i) => {
        if (r.length !== columns.length)
          throw new BadRequest(
            `dataframe row ${i} has ${r.length} values for ${columns.length} columns`,
          );
      });
    }
    return feedsFromNamed(model, { [model.inputs[0]!.name]: rows });
  }
  if (!columns)
    throw new BadRequest(
      `model '${model.name}' has several inputs: name the DataFrame columns after them (${model.inputs.map((s) => s.name).join(', ')})`,
    );
  const values: Record<string, unknown[]> = {};
  for (const spec of model.inputs) {
    const j = columns.indexOf(spec.name);
    if (j < 0)
      throw new BadRequest(
        `missing column '${spec.name}': model '${model.name}' takes columns ${model.inputs.map((s) => s.name).join(', ')}`,
      );
    values[spec.name] = rows.map((r, i) => {
      if (!Array.isArray(r) || r.length !== columns.length)
        throw new BadRequest(`dataframe row ${i} must be a list of ${columns.length} values`);
      const cell: unknown = r[j];
      // A scalar cell feeds a [rows, 1] input.
      return spec.shape.length === 2 && spec.shape[1] === 1 && !Array.isArray(cell) ? [cell] : cell;
    });
  }
  for (const c of columns)
    if (!model.inputs.some((s) => s.name === c))
      throw new BadRequest(
        `unexpected column '${c.slice(0, 64)}': model '${model.name}' takes ${model.inputs.map((s) => s.name).join(', ')}`,
      );
  return feedsFromNamed(model, values);
}

export function registerMlflow(app: FastifyInstance, ctx: ServingContext): void {
  const health = async (request: FastifyRequest, reply: FastifyReply) => {
    begin(request, reply, 'mlflow');
    if (!ctx.models.ready)
      return reply
        .code(503)
        .type('application/json')
        .send({ error_code: 'SERVICE_UNAVAILABLE', message: 'models are not loaded yet' });
    return reply.type('application/json').send('\n');
  };
  app.get('/ping', health);
  app.get('/health', health);
  app.get('/version', async (request, reply) => {
    begin(request, reply, 'mlflow');
    return reply.type('text/plain').send(ctx.serverVersion);
  });

  app.post('/invocations', async (request, reply) => {
    const info = begin(request, reply, 'mlflow');
    const body = parseBody(MlflowRequest, request.body);
    const name = ctx.defaultModel ?? onlyModel(ctx);
    const model = ctx.models.acquire(name);
    info.model = model.name;
    info.version = String(model.version);
    try {
      if (body.dataframe_split || body.dataframe_records) {
        let columns: string[] | undefined;
        let rows: unknown[][];
        if (body.dataframe_split) {
          columns = body.dataframe_split.columns;
          rows = body.dataframe_split.data.map((r, i) => {
            if (!Array.isArray(r))
              throw new BadRequest(`dataframe_split.data[${i}] must be a list (one row)`);
            return r as unknown[];
          });
        } else {
          const records = body.dataframe_records!;
          columns = records.length > 0 ? Object.keys(records[0]!) : [];
          const cols = columns;
          rows = records.map((r, i) => {
            const keys = Object.keys(r);
            if (keys.length !== cols.length || !cols.every((c) => Object.hasOwn(r, c))) {
              throw new BadRequest(
                `dataframe_records[${i}] has columns ${keys.slice(0, 8).join(', ')}; expected ${cols.join(', ')}`,
              );
            }
            return cols.map((c) => r[c]);
          });
        }
        const outputs = await runModel(model, dataframeFeeds(model, columns, rows));
        checkRows(outputs, rows.length);
        return sendJson(
          reply,
          writeJson((w) => {
            w.raw('{"predictions":');
            writeRows(w, outputs, rows.length, true);
            w.raw('}');
          }),
        );
      }
      const feeds =
        body.instances !== undefined
          ? feedsFromInstances(model, body.instances)
          : feedsFromColumnar(model, body.inputs);
      const outputs = await runModel(model, feeds);
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

function onlyModel(ctx: ServingContext): string {
  const entries = ctx.models.entries();
  if (entries.length === 1) return entries[0]!.name;
  if (entries.length === 0) throw new Unavailable('no model is loaded yet');
  throw new BadRequest(
    `/invocations serves one model, and the repository has ${entries.length} (${entries.map((e) => e.name).join(', ')}): start the server with --mlflow-model <name>`,
  );
}
