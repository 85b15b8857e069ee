import type { Command } from 'commander';

/** `cd4ml serve` — placeholder until the serving adapter lands (issue 4). */
export function registerServe(program: Command): void {
  program.command('serve').description('Serve an ONNX model (not built yet)');
}
