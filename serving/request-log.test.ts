import { describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { lazyChildLogger, requestIdGenerator } from './request-log.js';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A parent logger whose children record [level, bindings, ...args] per line. */
function fakeParent(level = 'info') {
  const lines: unknown[][] = [];
  const child = vi.fn((bindings: object, options?: { level?: string }) => {
    const made: Record<string, unknown> = { level: options?.level ?? level, child };
    for (const name of LEVELS)
      made[name] = (...args: unknown[]) => lines.push([name, bindings, ...args]);
    return made as unknown as FastifyBaseLogger;
  });
  const logger = { level, child } as unknown as FastifyBaseLogger;
  return { logger, child, lines };
}

describe('lazyChildLogger', () => {
  it('makes no child until the request logs, then one child with the same bindings and options for every line', () => {
    const parent = fakeParent();
    const log = lazyChildLogger(parent.logger, { reqId: 'r-1' }, { level: 'warn' });
    expect(parent.child).not.toHaveBeenCalled();
    expect(log.level).toBe('warn');
    log.info({ status: 400 }, 'request rejected');
    log.error('boom');
    expect(parent.child).toHaveBeenCalledTimes(1);
    expect(parent.child).toHaveBeenCalledWith({ reqId: 'r-1' }, { level: 'warn' });
    expect(parent.lines).toEqual([
      ['info', { reqId: 'r-1' }, { status: 400 }, 'request rejected'],
      ['error', { reqId: 'r-1' }, 'boom'],
    ]);
  });

  it("inherits the parent's level until one is set, and setting it makes the child", () => {
    const parent = fakeParent('debug');
    const log = lazyChildLogger(parent.logger, { reqId: 'r-2' }, {});
    expect(log.level).toBe('debug');
    log.level = 'error';
    expect(parent.child).toHaveBeenCalledTimes(1);
    expect(log.level).toBe('error');
  });

  it('has every method fastify checks a logger for', () => {
    const log = lazyChildLogger(fakeParent().logger, {}, {}) as unknown as Record<string, unknown>;
    for (const name of [...LEVELS, 'child']) expect(typeof log[name]).toBe('function');
  });
});

describe('requestIdGenerator', () => {
  it('gives each process its own random prefix and each request the next counter value', () => {
    const a = requestIdGenerator();
    const b = requestIdGenerator();
    const ids = Array.from({ length: 40 }, a);
    expect(new Set(ids).size).toBe(40);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{8}-1$/);
    expect(ids[35]).toMatch(/-10$/); // base 36
    expect(b().slice(0, 8)).not.toBe(ids[0]!.slice(0, 8));
  });
});
