import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../testing.js';
import { repoFromRemote } from './rollback-run.js';

let server: Server;
let url: string;
const requests: Array<{ method: string; path: string; auth: string; body: unknown }> = [];

beforeEach(async () => {
  requests.length = 0;
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      requests.push({
        method: req.method ?? '',
        path,
        auth: req.headers.authorization ?? '',
        body: text ? JSON.parse(text) : null,
      });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && path === '/repos/octo/models/tags?per_page=100') {
        res.setHeader('link', `<${url}/repos/octo/models/tags?per_page=100&page=2>; rel="next"`);
        res.end(JSON.stringify([{ name: 'v1.5.0' }, { name: 'v1.4.0' }]));
      } else if (req.method === 'GET' && path === '/repos/octo/models/tags?per_page=100&page=2') {
        res.end(JSON.stringify([{ name: 'v1.3.0' }]));
      } else if (req.method === 'POST' && path === '/repos/octo/models/deployments') {
        res.statusCode = 201;
        res.end(JSON.stringify({ id: 4711 }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: 'Not Found' }));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  process.env.GITHUB_TOKEN = 'ghp_test';
});

afterEach(async () => {
  delete process.env.GITHUB_TOKEN;
  await new Promise((done) => server.close(done));
});

it('creates a deployment of the earlier release tag, reading every page of tags', async () => {
  const result = await runCli('rollback', '1.3.0', '--repo', 'octo/models', '--api-url', url);
  expect(result).toMatchObject({
    code: 0,
    stdout:
      'Created deployment 4711 of v1.3.0 to production in octo/models: the deploy workflow applies it.\n',
  });
  expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /repos/octo/models/tags?per_page=100',
    'GET /repos/octo/models/tags?per_page=100&page=2',
    'POST /repos/octo/models/deployments',
  ]);
  expect(requests[2]).toMatchObject({
    auth: 'Bearer ghp_test',
    body: {
      ref: 'v1.3.0',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      payload: { cd4ml: { version: 'v1.3.0', rollback: true } },
    },
  });
});

it('names the releases there are when the version does not exist', async () => {
  const result = await runCli('rollback', 'v2.0.0', '--repo', 'octo/models', '--api-url', url);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(
    /there is no release v2\.0\.0\n\s+hint: the newest releases are v1\.5\.0, v1\.4\.0, v1\.3\.0/,
  );
  expect(requests.some((r) => r.method === 'POST')).toBe(false);
});

it('needs a token', async () => {
  delete process.env.GITHUB_TOKEN;
  delete process.env.GH_TOKEN;
  const result = await runCli('rollback', 'v1.3.0', '--repo', 'octo/models', '--api-url', url);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/GITHUB_TOKEN is not set/);
});

it.each([
  ['https://github.com/octo/models.git', 'octo/models'],
  ['git@github.com:octo/models.git', 'octo/models'],
  ['https://ghe.example.com/team/repo', 'team/repo'],
  ['/tmp/not-a-remote', null],
])('reads the repository from the remote %s', (remote, repo) => {
  expect(repoFromRemote(remote)).toBe(repo);
});
