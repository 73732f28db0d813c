import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { chan, dumpTasks, go, Mutex, select, watchdog } from '../index.js';
import { Fatal, WaitReason } from '../base/go-texts.js';
import { freeRuntime } from './free.js';

const run = promisify(execFile);
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const indexTs = fileURLToPath(new URL('../index.ts', import.meta.url));
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

describe('free mode watchdog', () => {
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
  });

  it('should cost nothing while off: free mode holds no hook', () => {
    expect(freeRuntime().watch).toBeNull();
    stop = watchdog();
    expect(freeRuntime().watch).not.toBeNull();
    stop();
    expect(freeRuntime().watch).toBeNull();
  });

  it('should say how to turn it on when dumpTasks() is called while off', () => {
    expect(dumpTasks()).toMatch(/call watchdog\(\)/);
  });

  it('should dump blocked tasks with Go wait reasons, and forget them once they complete', async () => {
    stop = watchdog();
    const a = chan<number>();
    const m = new Mutex();
    await m.lock();
    go(async function receiver() {
      await a.recv();
    });
    go(async () => {
      await m.lock();
      m.unlock();
    }, 'locker');
    go(async function selector() {
      await select([{ recv: a }, { recv: chan() }]);
    });
    await tick();
    const d = dumpTasks();
    expect(d).toContain(`goroutine 2 (receiver) [${WaitReason.chanReceive}]:`);
    expect(d).toContain(`goroutine 3 (locker) [${WaitReason.mutexLock}]:`);
    expect(d).toContain(`goroutine 4 (selector) [${WaitReason.select}]:`);
    expect(d).toMatch(/created by \S+ in goroutine 1\n\tsrc\/free\/watchdog\.test\.ts:\d+/);
    await a.send(1);
    await a.send(2);
    m.unlock();
    await tick();
    expect(dumpTasks()).not.toContain('goroutine');
  });

  it("should report a program whose tasks are all blocked when Node's event loop empties, and exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'interleave-watchdog-'));
    const file = path.join(dir, 'stuck.mts');
    writeFileSync(
      file,
      [
        `import { chan, go, watchdog } from ${JSON.stringify(indexTs)};`,
        'watchdog();',
        'const c = chan<number>();',
        'go(async function sender() { await c.send(1); await c.send(2); });',
        'await c.recv();',
        'await chan<void>().recv();',
        '',
      ].join('\n'),
    );
    const err = await run(process.execPath, [tsxCli, file], { cwd: dir, timeout: 600_000 }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    expect(err?.stderr).toContain(`fatal error: ${Fatal.deadlock}`);
    expect(err?.stderr).toContain(`goroutine 1 (main) [${WaitReason.chanReceive}]:`);
    expect(err?.stderr).toContain(`goroutine 2 (sender) [${WaitReason.chanSend}]:`);
    expect(err?.stderr).toContain('stuck.mts:4');
  });
});
