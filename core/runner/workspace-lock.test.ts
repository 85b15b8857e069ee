import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProjects } from '../testing/project.js';
import {
  acquireWorkspaceLock,
  processStart,
  WORKSPACE_LOCK,
  workspaceHolder,
  type LockHolder,
} from './workspace-lock.js';

const project = tempProjects();

function fakeHolder(over: Partial<LockHolder>): LockHolder {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: '2026-01-01T00:00:00.000Z',
    command: 'cd4ml run',
    token: 'someone-else',
    ...over,
  };
}

/** A pid that certainly belongs to no running process: a child that has exited and been reaped. */
function deadPid(): number {
  return Number(spawnSync('/bin/sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim());
}

describe('workspace lock', () => {
  it('refuses a second holder, naming the first (pid, start time, command), until it is released', async () => {
    const p = project();
    const first = await acquireWorkspaceLock(p.dir, { command: 'cd4ml run train' });
    const held = JSON.parse(readFileSync(join(p.dir, WORKSPACE_LOCK), 'utf8')) as LockHolder;
    expect(held).toMatchObject({ pid: process.pid, command: 'cd4ml run train' });
    expect(workspaceHolder(p.dir)?.token).toBe(first.holder.token);
    const second = acquireWorkspaceLock(p.dir, { command: 'cd4ml gc' });
    await expect(second).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(second).rejects.toThrow(
      `another cd4ml run holds this workspace (pid ${process.pid}, started ${held.startedAt}: cd4ml run train)`,
    );
    first.release();
    expect(existsSync(join(p.dir, WORKSPACE_LOCK))).toBe(false);
    const third = await acquireWorkspaceLock(p.dir, { command: 'cd4ml gc' });
    third.release();
  });

  it('takes over the lock of a dead process, and of a pid that another process has reused', async () => {
    const p = project();
    const pid = deadPid();
    const stale: LockHolder[] = [];
    p.write(WORKSPACE_LOCK, JSON.stringify(fakeHolder({ pid })));
    const a = await acquireWorkspaceLock(p.dir, { command: 'x', onStale: (h) => stale.push(h) });
    expect(stale.map((h) => h.pid)).toEqual([pid]);
    a.release();
    // Our own pid is alive, but it was not this process that wrote the lock: its start time differs.
    expect(processStart(process.pid)).toMatch(/^\d+$/);
    p.write(WORKSPACE_LOCK, JSON.stringify(fakeHolder({ procStart: '1' })));
    const b = await acquireWorkspaceLock(p.dir, { command: 'x', onStale: (h) => stale.push(h) });
    expect(stale).toHaveLength(2);
    expect(b.holder.token).not.toBe('someone-else');
    b.release();
  });

  it('never releases a lock that is no longer its own', async () => {
    const p = project();
    const a = await acquireWorkspaceLock(p.dir, { command: 'a' });
    p.write(WORKSPACE_LOCK, JSON.stringify(fakeHolder({ token: 'newer' })));
    a.release();
    expect(JSON.parse(readFileSync(join(p.dir, WORKSPACE_LOCK), 'utf8'))).toMatchObject({
      token: 'newer',
    });
  });

  it('with wait, says whom it waits for and goes on once the holder releases', async () => {
    const p = project();
    const first = await acquireWorkspaceLock(p.dir, { command: 'first' });
    let toldWaiting!: () => void;
    const waiting = new Promise<void>((resolve) => (toldWaiting = resolve));
    const waited: string[] = [];
    const second = acquireWorkspaceLock(p.dir, {
      command: 'second',
      wait: true,
      onWait: (holder) => {
        waited.push(holder.command);
        toldWaiting();
      },
    });
    await waiting;
    expect(waited).toEqual(['first']);
    first.release();
    const lock = await second;
    expect(workspaceHolder(p.dir)?.command).toBe('second');
    lock.release();
  });

  it('lets exactly one of many takers of a stale lock win', async () => {
    const p = project();
    p.write(WORKSPACE_LOCK, JSON.stringify(fakeHolder({ pid: deadPid() })));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquireWorkspaceLock(p.dir, { command: `t${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
