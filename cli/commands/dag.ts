import type { Command } from 'commander';

export function registerDag(program: Command): void {
  program.command('dag').description('(being built)');
}
