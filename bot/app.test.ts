import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Probot } from 'probot';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { cd4mlApp } from './app.js';
import { readRunZip } from './github/run-artifact.js';

it('the manifest subscribes to exactly the events the app handles, with least privilege', () => {
  const events = new Set<string>();
  const fake = {
    on: (names: string | string[]) => [names].flat().forEach((n) => events.add(n.split('.')[0]!)),
  };
  void cd4mlApp({ me: { appId: 1, login: null }, readZip: readRunZip })(fake as unknown as Probot, {
    addHandler: () => undefined,
    cwd: process.cwd(),
  });
  const manifest = parse(readFileSync(resolve(import.meta.dirname, 'app.yml'), 'utf8')) as {
    default_events: string[];
    default_permissions: Record<string, string>;
  };
  expect([...manifest.default_events].sort()).toEqual([...events].sort());
  expect(manifest.default_permissions).toEqual({
    actions: 'read',
    checks: 'write',
    contents: 'write',
    deployments: 'write',
    issues: 'write',
    metadata: 'read',
    pull_requests: 'write',
  });
});
