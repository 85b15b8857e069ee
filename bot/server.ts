import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { run } from 'probot';
import { cd4mlApp } from './app.js';
import { isEntryPoint } from './entry.js';
import { cd4mlOctokit } from './github/octokit.js';
import { readRunZip } from '../github/read-run-zip.js';
import { checkServerEnv } from './settings.js';

type Server = Awaited<ReturnType<typeof run>>;

/**
 * `npm run bot`: the cd4ml GitHub App as a Probot server. Settings come from the
 * environment or `.env`: APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, and
 * Probot's PORT, HOST, WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT, GHE_HOST / GHE_PROTOCOL
 * (GitHub Enterprise Server). `GET /ping` answers `PONG` (the health check). With no
 * APP_ID and no private key (outside production) it serves Probot's setup pages instead,
 * which register the app from bot/app.yml and write `.env` (see {@link startSetup}).
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const settings = checkServerEnv(env);
  const server =
    settings.mode === 'setup'
      ? await startSetup(env)
      : await run(cd4mlApp({ me: { appId: settings.appId, login: null }, readZip: readRunZip }), {
          env,
          Octokit: cd4mlOctokit(),
        });
  process.once('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
  return server;
}

/**
 * Where the cd4ml manifest is: bot/app.yml beside the source (`bot/server.ts`) or, for
 * the bundle (`dist/bot/server.js`, also in the container), two levels up.
 */
function bundledManifest(): string | undefined {
  return [new URL('app.yml', import.meta.url), new URL('../../bot/app.yml', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((path) => existsSync(path));
}

/**
 * Probot's setup mode: its pages POST the manifest read from `app.yml` in the working
 * directory and, after GitHub's redirect, write the new app's credentials to `.env`. When
 * the working directory has no app.yml the process moves to the directory of ours (so
 * nothing is written into the user's directory), while `.env` still goes where
 * `npm run bot` reads it: the directory the server was started in.
 */
async function startSetup(env: NodeJS.ProcessEnv): Promise<Server> {
  const root = process.cwd();
  const envFile = join(root, '.env');
  let manifest = join(root, 'app.yml');
  if (!existsSync(manifest)) {
    manifest = bundledManifest() ?? manifest;
    process.chdir(dirname(manifest));
  }
  // In setup mode Probot loads only its setup pages, not the app function.
  const server = await run(() => undefined, {
    env,
    updateEnv: (values) => updateEnvFile(envFile, values),
  });
  const host = [undefined, '0.0.0.0', '::'].includes(server.host) ? 'localhost' : server.host;
  const inside = relative(root, manifest);
  const shown = inside && !inside.startsWith('..') ? inside : manifest;
  process.stdout.write(
    `cd4ml bot: setup mode (no APP_ID / PRIVATE_KEY): open http://${host}:${server.port} to register the GitHub App from the cd4ml manifest (${shown}); it writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET to ${envFile}, then restart the bot.\n`,
  );
  return server;
}

/** Merges `values` into the .env file at `path` (as Probot's own updateEnv does in cwd). */
function updateEnvFile(path: string, values: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const current = existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...current, ...values }))
    if (value !== undefined) merged[key] = value;
  const line = (key: string, value: string) => {
    const quoted = value.includes('\n') && !value.startsWith('"') ? `"${value}"` : value;
    return `${key}=${quoted.replace(/\n/g, '\\n')}`;
  };
  writeFileSync(
    path,
    `${Object.entries(merged)
      .map(([key, value]) => line(key, value))
      .join('\n')}\n`,
  );
  Object.assign(process.env, merged);
  return merged;
}

if (isEntryPoint(import.meta.url)) {
  startServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
