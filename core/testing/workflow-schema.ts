import { validateWorkflow } from '@action-validator/core';

/**
 * `validateWorkflow` of @action-validator/core, whose bundled workflow schema predates the
 * `attestations` permission GitHub documents (used with `id-token: write` by
 * actions/attest-build-provenance): that one key is taken out before validating, every
 * other key is checked as it is.
 */
export function workflowSchemaErrors(text: string): unknown[] {
  const known = text
    .replace(/^(\s*)attestations: (write|read|none)\b.*\n/gm, '')
    .replace(/,\s*attestations: (write|read|none)\s*/g, ' ');
  return validateWorkflow(known).errors;
}
