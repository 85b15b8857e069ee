// The bot image: refuses to start without its configuration, answers /ping when configured.
import { generateKeyPairSync } from 'node:crypto';
import { container, start } from './container.mjs';
import { freePort, waitFor } from './lib.mjs';

export async function checkBot(image, checks) {
  const ctr = await container(image);
  try {
    const bare = start(ctr, { env: { PORT: String(await freePort()) } });
    const refused = await Promise.race([
      bare.exited,
      new Promise((r) => setTimeout(() => r({ timeout: true }), 30_000)),
    ]);
    await bare.cleanup();
    const said = bare.out.stderr + bare.out.stdout;
    checks.ok(
      refused.code !== 0 &&
        !refused.timeout &&
        said.includes('APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are not set'),
      'bot: without APP_ID/PRIVATE_KEY it refuses to start, saying which settings are missing',
      `${JSON.stringify(refused)} ${said.slice(-300)}`,
    );

    const port = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const env = {
      PORT: String(port),
      APP_ID: '12345',
      WEBHOOK_SECRET: 'images-check',
      PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }),
    };
    const bot = start(ctr, { env });
    try {
      const pong = await waitFor(
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/ping`);
          return r.status === 200 && (await r.text());
        },
        `the bot's /ping (${bot.out.stderr.slice(-300)})`,
        60_000,
      );
      checks.ok(pong === 'PONG', 'bot: configured, it answers GET /ping with PONG', pong);
      const test = ctr.config.Healthcheck?.Test ?? [];
      const health = start(ctr, { argv: test.slice(1), env: { PORT: String(port) } });
      checks.ok(
        (await health.exited).code === 0 && test[0] === 'CMD',
        'bot: its HEALTHCHECK command passes',
        JSON.stringify(test),
      );
    } finally {
      await bot.cleanup();
    }
  } finally {
    await ctr.remove();
  }
}
