/**
 * Composition root of the `cd4ml` binary: the only place that wires adapters
 * together (the CLI's commands and the serving adapter's `serve`).
 */
import { buildProgram, runProgram } from '../cli/program.js';
import { registerServe } from '../serving/command.js';

declare const CD4ML_VERSION: string;

const program = buildProgram(typeof CD4ML_VERSION === 'string' ? CD4ML_VERSION : '0.0.0-dev');
registerServe(program);
process.exitCode = await runProgram(program, process.argv.slice(2));
