import { describe, expect, it } from 'vitest';
import { Cd4mlError } from '../core/errors.js';
import { checkServerEnv } from './settings.js';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----';

describe('checkServerEnv', () => {
  it.each([
    ['nothing set, NODE_ENV unset', {}],
    ['nothing set, development', { NODE_ENV: 'development' }],
    ['nothing set, test', { NODE_ENV: 'test' }],
    ['only a webhook secret', { WEBHOOK_SECRET: 's3cret' }],
  ])('setup mode: %s', (_name, env: NodeJS.ProcessEnv) => {
    expect(checkServerEnv(env)).toEqual({ mode: 'setup' });
  });

  it.each([
    [
      'key inline',
      { APP_ID: '42', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 's3cret', NODE_ENV: 'production' },
      's3cret',
    ],
    ['key path', { APP_ID: '42', PRIVATE_KEY_PATH: 'key.pem', WEBHOOK_SECRET: 's3cret' }, 's3cret'],
    [
      'placeholder secret in development',
      { APP_ID: '42', PRIVATE_KEY: KEY, NODE_ENV: 'development' },
      '',
    ],
  ])('app mode: %s', (_name, env: NodeJS.ProcessEnv, secret) => {
    expect(checkServerEnv(env)).toEqual({ mode: 'app', appId: 42, webhookSecret: secret });
  });

  it.each([
    [
      'app id without a key',
      { APP_ID: '42', WEBHOOK_SECRET: 's3cret' },
      /PRIVATE_KEY \(or PRIVATE_KEY_PATH\) is missing/,
    ],
    [
      'a key without an app id',
      { PRIVATE_KEY: KEY, WEBHOOK_SECRET: 's3cret' },
      /APP_ID is missing or not a number/,
    ],
    [
      'app id not a number',
      { APP_ID: 'abc', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 's3cret' },
      /APP_ID is missing or not a number/,
    ],
    [
      'no webhook secret outside development',
      { APP_ID: '42', PRIVATE_KEY: KEY },
      /WEBHOOK_SECRET is missing/,
    ],
    [
      'placeholder secret in production',
      { APP_ID: '42', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 'development', NODE_ENV: 'production' },
      /placeholder "development"/,
    ],
    [
      'nothing set in production',
      { NODE_ENV: 'production' },
      /NODE_ENV=production does not run the setup pages[\s\S]*npm run bot[\s\S]*bot\/app\.yml/,
    ],
  ])('refuses: %s', (_name, env: NodeJS.ProcessEnv, message) => {
    let caught: unknown;
    try {
      checkServerEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Cd4mlError);
    expect((caught as Cd4mlError).code).toBe('E_USAGE');
    expect((caught as Cd4mlError).message).toMatch(message);
  });
});
