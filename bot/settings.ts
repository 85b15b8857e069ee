import { Cd4mlError } from '../core/errors.js';

/**
 * How the server starts: `app` handles webhooks with the app's credentials; `setup`
 * serves only Probot's "Register GitHub App" pages (the manifest flow), which write the
 * credentials to `.env` (no webhooks are handled, so no secret is needed yet).
 */
export type ServerEnv = { mode: 'app'; appId: number; webhookSecret: string } | { mode: 'setup' };

/**
 * Checks the server's settings. With no app id and no private key at all (and not in
 * production) the server starts in setup mode. Otherwise everything must be there:
 * Probot quietly falls back to the webhook secret `development` when none is set, which
 * would let anyone forge events, so outside `NODE_ENV=development` a real secret is required.
 */
export function checkServerEnv(env: NodeJS.ProcessEnv): ServerEnv {
  const noKey = !env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH;
  if (!env.APP_ID && noKey) {
    if (env.NODE_ENV !== 'production') return { mode: 'setup' };
    throw new Cd4mlError(
      'E_USAGE',
      'the cd4ml bot cannot start: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are not set, and NODE_ENV=production does not run the setup pages',
      {
        hint: 'register the app once locally with `npm run bot` (nothing set: it opens the manifest flow and writes .env), or create it by hand from bot/app.yml; then set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET (see docs/bot.md)',
      },
    );
  }
  const problems: string[] = [];
  const appId = Number(env.APP_ID);
  if (!env.APP_ID || !Number.isInteger(appId) || appId <= 0)
    problems.push('APP_ID is missing or not a number');
  if (noKey) problems.push('PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing');
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
  return { mode: 'app', appId, webhookSecret: secret };
}
