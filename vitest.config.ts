import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,cli,serving,bin,actions,bot,github,scripts}/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['scripts/vitest-global-setup.ts'],
  },
});
