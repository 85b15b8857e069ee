import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { startedApp, tempRepository } from './testing.js';

/**
 * /metrics passes Prometheus' own lint (`promtool check metrics`, from Debian's prometheus
 * package, which .ci/run installs): naming rules such as no `_total` on a gauge, help text,
 * histogram and counter shapes — with process metrics on and every metric family populated.
 */
it('passes promtool check metrics, with process metrics and after traffic', async () => {
  const repo = await tempRepository({ iris: { 1: 'iris-v1.onnx' } });
  const app = await startedApp({ repository: repo.root, processMetrics: true });
  try {
    await app.inject({
      method: 'POST',
      url: '/v1/models/iris:predict',
      payload: { instances: [[5.1, 3.5, 1.4, 0.2]] },
    });
    await app.inject({ method: 'POST', url: '/v1/models/iris:predict', payload: '{' });
    const text = (await app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(/^cd4ml_requests_total\{/m);
    expect(text).toMatch(/^cd4ml_nodejs_active_handles\{/m);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`).toBe('');
    expect(lint.status).toBe(0);
  } finally {
    await app.close();
    await repo.cleanup();
  }
});
