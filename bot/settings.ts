import { Cd4mlError } from '../core/errors.js';

/** What the server needs from the environment, checked before Probot sees it. */
export interface ServerEnv {
  appId: number;
  webhookSecret: string;
}

/**
 * Checks the server's settings. Probot quietly falls back to the webhook secret
 * `development` when none is set, which would let anyone forge events: outside
 * `NODE_ENV=development` a real secret is required.
 */
export function checkServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const problems: string[] = [];
  const appId = Number(env.APP_ID);
  if (!env.APP_ID || !Number.isInteger(appId) || appId <= 0)
    problems.push('APP_ID is missing or not a number');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH)
    problems.push('PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing');
  const secret = env.WEBHOOK_SECRET ?? '';
  const development = env.NODE_ENV === 'development';
  if (!development && (secret === '' || secret === 'development')) {
    problems.push(
      'WEBHOOK_SECRET is missing (or is the placeholder "development"), so anyone could send forged events',
    );
  }
  if (problems.length > 0) {
    throw new Cd4mlError('E_USAGE', `the cd4ml bot cannot start: ${problems.join('; ')}`, {
      hint: 'set them in the environment or in .env (the GitHub App settings page has the app id, a private key and the webhook secret; see docs/bot.md)',
    });
  }
  return { appId, webhookSecret: secret };
}
