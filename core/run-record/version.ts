/**
 * Version tag of the run record format (`schema` field) that this cd4ml writes.
 * `@2` added the environment's declared files and image (`env.declared`, `env.image`)
 * and the cd4ml version; readers still accept `@1` records (those fields are then absent).
 */
export const RUN_RECORD_SCHEMA = 'cd4ml/run@2';

/** Every record version this cd4ml reads, oldest first. */
export const READABLE_RUN_RECORD_SCHEMAS = ['cd4ml/run@1', RUN_RECORD_SCHEMA] as const;
