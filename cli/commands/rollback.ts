import type { Command } from 'commander';

interface RollbackFlags {
  repo?: string;
  environment: string;
  apiUrl?: string;
}

/**
 * `cd4ml rollback <version>`: a GitHub Deployment of an earlier release tag, from a
 * terminal. The deploy workflow (on `deployment`) applies it, as it does for
 * `/cd4ml rollback` in a comment. Needs GITHUB_TOKEN (or GH_TOKEN) with deployments:write.
 */
export function registerRollback(program: Command): void {
  program
    .command('rollback')
    .description('Deploy an earlier release again: creates a GitHub Deployment of its tag')
    .argument('<version>', 'the release to roll back to, e.g. v1.4.0')
    .option('--repo <owner/name>', 'repository (default: the GitHub remote "origin")')
    .option('--environment <name>', 'deployment environment', 'production')
    .option('--api-url <url>', 'GitHub API (default: $GITHUB_API_URL or https://api.github.com)')
    .addHelpText(
      'after',
      '\nNeeds GITHUB_TOKEN (or GH_TOKEN) with permission to create deployments.',
    )
    .action(async (version: string, flags: RollbackFlags) => {
      const { rollback } = await import('./rollback-run.js');
      const result = await rollback(version, flags);
      process.stdout.write(
        `Created deployment ${result.id} of ${result.tag} to ${flags.environment} in ${result.repo}: the deploy workflow applies it.\n`,
      );
    });
}
