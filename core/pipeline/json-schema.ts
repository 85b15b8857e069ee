import * as z from '../yaml/zod.js';
import { PipelineFile } from './schema.js';

/** The JSON Schema of `cd4ml.yaml`, for editors (checked in as `schemas/cd4ml.schema.json`). */
export function pipelineJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PipelineFile, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://cd4ml.dev/schemas/cd4ml.schema.json',
    title: 'cd4ml pipeline (cd4ml.yaml / dvc.yaml)',
  };
}
