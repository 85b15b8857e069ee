import { describe, expect, it } from 'vitest';
import type { Comparison } from '../compare/types.js';
import { resolveLinks } from './links.js';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);

/** The fields of a comparison the links read. */
function comparison(runUrl: string | null): Comparison {
  return {
    base: { commit: BASE },
    head: { commit: HEAD, repository: 'octo-org/models', runUrl },
  } as unknown as Comparison;
}

describe('resolveLinks', () => {
  it('links commits and the diff on the host the run ran on (GitHub Enterprise Server)', () => {
    const links = resolveLinks(
      comparison('https://ghe.example.com/octo-org/models/actions/runs/42'),
    );
    expect(links.headCommit).toBe(`https://ghe.example.com/octo-org/models/commit/${HEAD}`);
    expect(links.baseCommit).toBe(`https://ghe.example.com/octo-org/models/commit/${BASE}`);
    expect(links.compare).toBe(`https://ghe.example.com/octo-org/models/compare/${BASE}...${HEAD}`);
  });

  it('falls back to github.com without a run URL, or with one of another repository', () => {
    expect(resolveLinks(comparison(null)).headCommit).toBe(
      `https://github.com/octo-org/models/commit/${HEAD}`,
    );
    expect(
      resolveLinks(comparison('https://evil.example/other/repo/actions/runs/1')).headCommit,
    ).toBe(`https://github.com/octo-org/models/commit/${HEAD}`);
  });
});
