import type { GateInput, GateReportFormat, GateResult, RunSource } from './port.js';

/**
 * Compares the head with its baseline under the policy and decides the gate (see `RunGate`
 * in `./port.ts`). Being implemented: the signature is final.
 */
export async function runGate(source: RunSource, input: GateInput): Promise<GateResult> {
  await Promise.resolve([source, input]);
  throw new Error('runGate: not implemented yet');
}

/**
 * The report for a gate result, byte-identical wherever it is rendered (the CLI, the
 * compare action, the bot). Being implemented: the signature is final.
 */
export async function renderGateReport(
  result: GateResult,
  format: GateReportFormat,
): Promise<string> {
  await Promise.resolve([result, format]);
  throw new Error('renderGateReport: not implemented yet');
}
