import type { Command } from 'commander';

export function registerCompare(program: Command): void {
  program.command('compare').description('(being built)');
}
