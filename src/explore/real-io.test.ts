import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explore, external, go, WaitGroup } from '../index.js';

/*
 * Real I/O never passes silently: a promise only the outside world can settle (here a real fetch to
 * a local server) is reported as an outside await naming the task, whether the program wraps it in
 * external() (the examples/async pattern) or awaits it plainly (compatibility mode).
 */
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_req, res) => res.end('{"id":"42"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/user/42`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const outsideAwaits = (r: Awaited<ReturnType<typeof explore>>) =>
  r.findings.map((f) => [f.cause, f.message.split(' is waiting')[0]]);

describe('real I/O under the explorer', () => {
  it('should report external(() => fetch(url)) as an outside await of the call, at its line', async () => {
    const r = await explore(
      async () => {
        const res = await external(() => fetch(url));
        await external(() => res.text());
      },
      { runs: 20 },
    );
    // The call runs in a task of its own (named after it), started where external() was called.
    expect(outsideAwaits(r)).toEqual([['outside-await', 'outside await: task 2 (external)']]);
    expect(r.findings[0]!.message).toMatch(/\(it was started at src\/explore\/real-io\.test\.ts:31\)$/);
  });

  it('should name the call that waits, with its line, when the fetch is made by a task of its own', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        wg.add(1);
        go(async function fetcher() {
          await external(() => fetch(url));
          wg.done();
        });
        await wg.wait();
      },
      { runs: 20 },
    );
    expect(outsideAwaits(r)).toEqual([['outside-await', 'outside await: task 3 (external)']]);
    expect(r.findings[0]!.message).toMatch(/\(it was started at src\/explore\/real-io\.test\.ts:47\)$/);
  });

  it('should report a plain await of fetch (compatibility mode) as an outside await', async () => {
    const r = await explore(
      async () => {
        const res = await fetch(url);
        await res.text();
      },
      { runs: 20, compat: 'on' },
    );
    expect(outsideAwaits(r)).toEqual([['outside-await', 'outside await: task 1 (main)']]);
  });
});
