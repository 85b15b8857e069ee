import {
  $constructor,
  $ZodObjectJIT,
  util,
  type $strip,
  type $ZodLooseShape,
  type $ZodObjectDef,
} from 'zod/v4/core';
import * as z from '../core/yaml/zod.js';
import { CsvBody } from './body.js';
import { BadRequest, HttpError } from './http-error.js';

/**
 * Request bodies of the three protocols. Only the envelope is checked here;
 * tensor contents are checked against the model's signature in tensors.ts,
 * where the error can name the input and the expected shape and dtype.
 *
 * `zod/mini`, as in `core/`: classic `zod` here would put all of itself into the
 * chunk that the CLI and the server share (docs/architecture.md).
 */

/**
 * `z.object` of `zod/mini` with classic `zod`'s parser: classic compiles each
 * object shape into a function on first use (`$ZodObjectJIT`), `zod/mini` walks the shape
 * every time, which took a `TfPredictRequest` from ~50 to ~170 ns and a one-input
 * `V2InferRequest` from ~450 to ~870 ns — per request. Same schema otherwise: same
 * definition, traits, checks and messages; `jitless` and eval-less runtimes fall back
 * to the walk, as classic does.
 */
const ZodMiniObjectJIT = $constructor(
  'ZodMiniObject',
  (inst: z.ZodMiniObject, def: $ZodObjectDef) => {
    $ZodObjectJIT.init(inst, def);
    z.ZodMiniType.init(inst, def);
    util.installLazyProp(inst, 'shape', (self: z.ZodMiniObject) => self._zod.def.shape, false);
  },
);

function object<T extends $ZodLooseShape>(shape: T): z.ZodMiniObject<T, $strip> {
  // The constructor's type cannot carry the shape; `z.object` is typed the same way.
  return new ZodMiniObjectJIT({ type: 'object', shape }) as z.ZodMiniObject<T, $strip>;
}

const Parameters = z.record(z.string(), z.unknown());
const Name = z.string().check(z.maxLength(256));

/** TF Serving REST `POST /v1/models/{m}[/versions/{v}]:predict`. */
export const TfPredictRequest = object({
  signature_name: z.optional(z.string()),
  instances: z.optional(z.unknown()),
  inputs: z.optional(z.unknown()),
}).check(
  z.refine((b) => (b.instances === undefined) !== (b.inputs === undefined), {
    message:
      "the request must have exactly one of 'instances' (row format) or 'inputs' (columnar format)",
  }),
);
export type TfPredictRequest = z.infer<typeof TfPredictRequest>;

/** KServe V2 / Open Inference Protocol `POST /v2/models/{m}[/versions/{v}]/infer`. */
export const V2InferRequest = object({
  id: z.optional(Name),
  parameters: z.optional(Parameters),
  inputs: z
    .array(
      object({
        name: Name,
        shape: z.array(z.int().check(z.nonnegative())).check(z.maxLength(16)),
        datatype: z.string().check(z.maxLength(16)),
        parameters: z.optional(Parameters),
        // Absent when the tensor comes as binary data (parameters.binary_data_size).
        data: z.optional(z.unknown()),
      }),
    )
    .check(z.minLength(1)),
  outputs: z.optional(z.array(object({ name: Name, parameters: z.optional(Parameters) }))),
});
export type V2InferRequest = z.infer<typeof V2InferRequest>;

/** MLflow scoring server `POST /invocations`. */
export const MlflowRequest = object({
  dataframe_split: z.optional(
    object({
      // pandas names the columns of an unnamed DataFrame 0, 1, …: numbers in to_json's output.
      columns: z.optional(z.array(z.union([z.string(), z.number(), z.boolean()]))),
      index: z.optional(z.array(z.unknown())),
      data: z.array(z.unknown()),
    }),
  ),
  dataframe_records: z.optional(z.array(z.record(z.string(), z.unknown()))),
  instances: z.optional(z.unknown()),
  inputs: z.optional(z.unknown()),
  params: z.optional(Parameters),
}).check(
  z.refine(
    (b) =>
      [b.dataframe_split, b.dataframe_records, b.instances, b.inputs].filter((x) => x !== undefined)
        .length === 1,
    {
      message:
        "the request must have exactly one of 'dataframe_split', 'dataframe_records', 'instances' or 'inputs'",
    },
  ),
);
export type MlflowRequest = z.infer<typeof MlflowRequest>;

/** Parses a body or throws a 400 whose message names the offending field. */
export function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  if (body instanceof CsvBody)
    throw new HttpError(
      415,
      'text/csv bodies are scored only by /invocations: send this endpoint JSON (any Content-Type but text/csv)',
    );
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequest('the request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new BadRequest(`invalid request: ${path}${issue?.message ?? 'malformed body'}`);
}
