/**
 * Composition root of the `cd4ml` binary: the only place that wires adapters
 * together (the CLI's commands and the serving adapter's `serve`).
 */
import { ignoreClosedPipes } from '../cli/exit.js';
import { buildProgram, runProgram } from '../cli/program.js';
import { registerServe } from '../serving/command.js';

declare const CD4ML_VERSION: string;

// onnxruntime's Linux build carries Microsoft's 1DS telemetry client, which leaves `.ses`
// and `mat-debug-<pid>.log` files in the temporary directory of every process that opens
// a model (cd4ml run timing the model, cd4ml serve, stages that evaluate with
// onnxruntime-node, which inherit this). Off unless the user says otherwise.
process.env.ORT_DISABLE_TELEMETRY ??= '1';

ignoreClosedPipes([process.stdout, process.stderr]);

const program = buildProgram(typeof CD4ML_VERSION === 'string' ? CD4ML_VERSION : '0.0.0-dev');
registerServe(program);
process.exitCode = await runProgram(program, process.argv.slice(2));
