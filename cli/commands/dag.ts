import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Cd4mlError } from '../../core/errors.js';
import { pipelineFileOption } from '../options.js';

export function registerDag(program: Command): void {
  program
    .command('dag')
    .description(
      'Print the stage graph, as text or as a Mermaid flowchart (paste it into a PR or README)',
    )
    .option('-f, --file <path>', 'pipeline file (default: cd4ml.yaml, else dvc.yaml)')
    .option('--format <format>', 'text or mermaid', 'text')
    .action(async (flags: { file?: string; format: string }) => {
      if (flags.format !== 'text' && flags.format !== 'mermaid') {
        throw new Cd4mlError('E_USAGE', `--format must be text or mermaid, got '${flags.format}'`);
      }
      const [{ buildDag, dagToMermaid, dagToText }, { loadPipeline }] = await Promise.all([
        import('../../core/pipeline/dag.js'),
        import('../../core/pipeline/load.js'),
      ]);
      const pipeline = loadPipeline(pipelineFileOption(flags.file));
      const dag = buildDag(pipeline, (path) => existsSync(join(pipeline.root, path)));
      process.stdout.write(`${flags.format === 'mermaid' ? dagToMermaid(dag) : dagToText(dag)}\n`);
    });
}
