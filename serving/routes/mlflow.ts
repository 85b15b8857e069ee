import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { begin, defaultModel } from '../context.js';
import type { ServingContext } from '../context.js';
import type { Feeds } from '../batching/batcher.js';
import { BadRequest, HttpError } from '../http-error.js';
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
import { writeJson } from '../json-response.js';
import type { ModelVersion } from '../models/loader.js';
import { CsvBody } from '../body.js';
import { csvRowCount, readCsv, typedCells, writeCsv } from '../csv.js';
import { MlflowRequest, parseBody } from '../schema.js';
import type { MlflowRequest as MlflowBody } from '../schema.js';

/**
 * MLflow scoring server: `POST /invocations` with exactly one of
 * `dataframe_split`, `dataframe_records` (a pandas DataFrame: rows are instances)
 * or `instances`, `inputs` (tensors); `GET /ping`, `/health`, `/version`.
 *
 * As MLflow's ONNX flavor does: a model with one input takes the DataFrame's
 * values as a [rows, columns] tensor; a model with several inputs takes each
 * input from the column of the same name. DataFrame requests get one record
 * per row (`{"predictions": [{"label": 0, "probabilities": [...]}, ...]}`),
 * tensor requests get a dict of output arrays. `Accept: text/csv` answers every body as CSV,
 * one line per row (per instance; for `inputs`, per element of the outputs' first dimension).
 */

/** pandas writes NaN as null (`to_json`): a null cell of a numeric input is NaN, as pandas reads it back. */
function nullsAsNaN(model: ModelVersion, rows: unknown[][]): unknown[][] {
  if (!model.inputs.every((s) => s.type.startsWith('float'))) return rows;
  return rows.map((r) => (r.includes(null) ? r.map((c) => (c === null ? NaN : c)) : r));
}

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
    const asCsv = acceptsCsv(request.headers.accept);
    const csv = request.body instanceof CsvBody ? readCsv(request.body.text) : undefined;
    const body = csv ? undefined : parseBody(MlflowRequest, request.body);
    const target = request.headers['x-amzn-sagemaker-target-model'];
    const model = ctx.models.acquire(
      typeof target === 'string' ? targetModel(target) : defaultModel(ctx),
    );
    info.model = model.name;
    info.version = String(model.version);
    try {
      if (csv || body!.dataframe_split || body!.dataframe_records) {
        const { columns, rows } = csv
          ? { columns: csv.columns, rows: typedCells(csv, model.inputs) }
          : dataframe(body!);
        const feeds = dataframeFeeds(model, columns, nullsAsNaN(model, rows));
        const outputs = await runModel(model, feeds, ctx.shadow);
        checkRows(outputs, rows.length);
        if (asCsv) return reply.type('text/csv').send(writeCsv(outputs, rows.length));
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
        body!.instances !== undefined
          ? feedsFromInstances(model, body!.instances)
          : feedsFromColumnar(model, body!.inputs);
      const outputs = await runModel(model, feeds, ctx.shadow);
      if (asCsv) {
        const instances = Array.isArray(body!.instances) ? body!.instances.length : undefined;
        return reply.type('text/csv').send(writeCsv(outputs, csvRowCount(outputs, instances)));
      }
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

/** The columns and rows of a `dataframe_split` or `dataframe_records` body. */
function dataframe(body: MlflowBody): { columns: string[] | undefined; rows: unknown[][] } {
  if (body.dataframe_split) {
    return {
      // As pandas writes an unnamed DataFrame's column labels as records' keys: "0", "1", ….
      columns: body.dataframe_split.columns?.map(String),
      rows: body.dataframe_split.data.map((r, i) => {
        if (!Array.isArray(r))
          throw new BadRequest(`dataframe_split.data[${i}] must be a list (one row)`);
        return r as unknown[];
      }),
    };
  }
  const records = body.dataframe_records!;
  const columns = records.length > 0 ? Object.keys(records[0]!) : [];
  const rows = records.map((r, i) => {
    const keys = Object.keys(r);
    if (keys.length !== columns.length || !columns.every((c) => Object.hasOwn(r, c))) {
      throw new BadRequest(
        `dataframe_records[${i}] has columns ${keys.slice(0, 8).join(', ')}; expected ${columns.join(', ')}`,
      );
    }
    return columns.map((c) => r[c]);
  });
  return { columns, rows };
}

/**
 * SageMaker's multi-model header names a model artifact (`iris.tar.gz`, `iris/model.tar.gz`):
 * the model is the artifact's name without directories and archive extensions.
 */
function targetModel(header: string): string {
  const parts = header.split('/').filter(Boolean);
  const file =
    parts.length > 1 && /^model\./.test(parts.at(-1)!) ? parts.at(-2)! : (parts.at(-1) ?? '');
  return file.replace(/\.(tar\.gz|tgz|onnx)$/, '');
}

/**
 * How well an `Accept` header takes a type: the q of its most specific range that matches
 * (the type itself, or for JSON any `application/…+json`; then `text/…` or `application/…`
 * with a star; then the star-slash-star wildcard), -1 when none does.
 */
function qualityOf(
  ranges: { type: string; q: number }[],
  type: 'text/csv' | 'application/json',
): number {
  const [main] = type.split('/');
  const specificity = (range: string): number => {
    if (
      range === type ||
      (type === 'application/json' && /^application\/[\w.+-]+\+json$/.test(range))
    )
      return 2;
    return range === `${main}/*` ? 1 : range === '*/*' ? 0 : -1;
  };
  let best = { specificity: -1, q: -1 };
  for (const r of ranges) {
    const s = specificity(r.type);
    if (s > best.specificity || (s === best.specificity && s >= 0 && r.q > best.q))
      best = { specificity: s, q: r.q };
  }
  return best.q;
}

/**
 * The `Accept` header (SageMaker passes the caller's on), with its q-values: CSV when it
 * takes `text/csv` better than JSON (or as well, naming it), else JSON; no header is JSON;
 * a header that takes neither (only other types, or both at q=0) is a 406.
 */
function acceptsCsv(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return false;
  const ranges = accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 1 };
  });
  const csv = qualityOf(ranges, 'text/csv');
  const json = qualityOf(ranges, 'application/json');
  if (csv <= 0 && json <= 0)
    throw new HttpError(
      406,
      `/invocations answers application/json or text/csv, and Accept is '${accept.slice(0, 64)}'`,
    );
  return csv > json || (csv === json && ranges.some((r) => r.type === 'text/csv' && r.q > 0));
}
