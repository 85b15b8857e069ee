import { existsSync } from 'node:fs';
import { run } from 'probot';
import { cd4mlApp } from './app.js';
import { isEntryPoint } from './entry.js';
import { cd4mlOctokit } from './github/octokit.js';
import { readRunZip } from './github/run-artifact.js';
import { checkServerEnv } from './settings.js';

/**
 * `npm run bot`: the cd4ml GitHub App as a Probot server. Settings come from the
 * environment or `.env`: APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, and
 * Probot's PORT, HOST, WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT, GHE_HOST / GHE_PROTOCOL
 * (GitHub Enterprise Server). `GET /ping` answers `PONG` (the health check).
 */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Awaited<ReturnType<typeof run>>> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { appId } = checkServerEnv(env);
  const server = await run(cd4mlApp({ me: { appId, login: null }, readZip: readRunZip }), {
    env,
    Octokit: cd4mlOctokit(),
  });
  process.once('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
  return server;
}

if (isEntryPoint(import.meta.url)) {
  startServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
