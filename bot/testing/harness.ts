import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import { cd4mlApp } from '../app.js';
import type { BotSettings } from '../handlers/context.js';
import { cd4mlOctokit } from '../github/octokit.js';
import { readRunZip } from '../../github/read-run-zip.js';
import type { FakeGitHub } from '../../github/testing/fake-github.js';
import { APP_ID } from '../../github/testing/fake-repo.js';

export const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string;

/**
 * A Probot with the cd4ml app loaded, whose Octokit talks to `github`. Retries and
 * throttling are off (as Probot's own tests do) unless `retries` asks for the production
 * Octokit with millisecond back-off.
 */
export async function startBot(
  github: FakeGitHub,
  options: { retries?: boolean; settings?: Partial<BotSettings> } = {},
): Promise<Probot> {
  const Octokit = options.retries
    ? cd4mlOctokit({ fetch: github.fetch, retryAfterBaseValue: 1 })
    : // A function: Probot hands each instance its own throttle handlers, which would
      // replace an object's `throttle: { enabled: false }` and space writes a second apart.
      ProbotOctokit.defaults((options: Record<string, unknown>) => ({
        ...options,
        retry: { enabled: false },
        throttle: { ...(options.throttle as object | undefined), enabled: false },
        request: { ...(options.request as object | undefined), fetch: github.fetch },
      }));
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, logLevel: 'fatal', Octokit });
  await probot.load(
    cd4mlApp({ me: { appId: APP_ID, login: null }, readZip: readRunZip, ...options.settings }),
  );
  return probot;
}
