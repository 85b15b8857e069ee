import * as z from 'zod';
import { BadRequest } from './http-error.js';

/**
 * Request bodies of the three protocols. Only the envelope is checked here;
 * tensor contents are checked against the model's signature in tensors.ts,
 * where the error can name the input and the expected shape and dtype.
 */

const Parameters = z.record(z.string(), z.unknown());

/** TF Serving REST `POST /v1/models/{m}[/versions/{v}]:predict`. */
export const TfPredictRequest = z
  .object({
    signature_name: z.string().optional(),
    instances: z.unknown().optional(),
    inputs: z.unknown().optional(),
  })
  .refine((b) => (b.instances === undefined) !== (b.inputs === undefined), {
    message: "the request must have exactly one of 'instances' (row format) or 'inputs' (columnar format)",
  });
export type TfPredictRequest = z.infer<typeof TfPredictRequest>;

/** KServe V2 / Open Inference Protocol `POST /v2/models/{m}[/versions/{v}]/infer`. */
export const V2InferRequest = z.object({
  id: z.string().max(256).optional(),
  parameters: Parameters.optional(),
  inputs: z
    .array(
      z.object({
        name: z.string().max(256),
        shape: z.array(z.number().int().nonnegative()).max(16),
        datatype: z.string().max(16),
        parameters: Parameters.optional(),
        data: z.unknown(),
      }),
    )
    .min(1),
  outputs: z.array(z.object({ name: z.string().max(256), parameters: Parameters.optional() })).optional(),
});
export type V2InferRequest = z.infer<typeof V2InferRequest>;

/** MLflow scoring server `POST /invocations`. */
export const MlflowRequest = z
  .object({
    dataframe_split: z
      .object({
        columns: z.array(z.string()).optional(),
        index: z.array(z.unknown()).optional(),
        data: z.array(z.unknown()),
      })
      .optional(),
    dataframe_records: z.array(z.record(z.string(), z.unknown())).optional(),
    instances: z.unknown().optional(),
    inputs: z.unknown().optional(),
    params: Parameters.optional(),
  })
  .refine(
    (b) => [b.dataframe_split, b.dataframe_records, b.instances, b.inputs].filter((x) => x !== undefined).length === 1,
    { message: "the request must have exactly one of 'dataframe_split', 'dataframe_records', 'instances' or 'inputs'" },
  );
export type MlflowRequest = z.infer<typeof MlflowRequest>;

/** Parses a body or throws a 400 whose message names the offending field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequest('the request body must be a JSON object');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new BadRequest(`invalid request: ${path}${issue?.message ?? 'malformed body'}`);
}
