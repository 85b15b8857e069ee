import type { Command } from 'commander';
import pc from 'picocolors';
import type { StagePlan } from '../../core/runner/status.js';
import { pipelineFileOption } from '../options.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'Show which stages would run, and why (changed cmd, deps, params or outs), without running anything',
    )
    .argument('[stages...]', 'only these stages and what they depend on')
    .option('-f, --file <path>', 'pipeline file (default: cd4ml.yaml, else dvc.yaml)')
    .option('--json', 'print machine-readable JSON')
    .action(async (stages: string[], flags: { file?: string; json?: boolean }) => {
      const { pipelineStatus } = await import('../../core/runner/status.js');
      const status = await pipelineStatus(pipelineFileOption(flags.file), stages, (message) =>
        process.stderr.write(`cd4ml: ${message}\n`),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      const pending = status.filter((s) => s.action !== 'unchanged');
      const label: Record<StagePlan['action'], string> = {
        unchanged: pc.dim('up to date'),
        restore: pc.cyan('restorable from run-cache'),
        blocked: pc.yellow('will run after upstream'),
        run: pc.yellow('will run'),
      };
      for (const s of status) {
        const why = s.reasons.length > 0 ? pc.dim(` — ${s.reasons.join(', ')}`) : '';
        process.stdout.write(
          `${s.action === 'unchanged' ? pc.dim('·') : pc.yellow('●')} ${s.stage}: ${label[s.action]}${why}\n`,
        );
      }
      process.stdout.write(
        pending.length === 0
          ? `\n${pc.green('Everything is up to date.')}\n`
          : `\n${pending.length} of ${status.length} stages would run or be restored. Run \`cd4ml run\`.\n`,
      );
    });
}
