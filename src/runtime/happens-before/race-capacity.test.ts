import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { chan, explore, go, shared, time } from '../../index.js';
import { ChanHappensBefore, RaceDetector, type VectorClock } from './race.js';
import { ReceiveClocks } from './receive-clocks.js';
import { clockOf, copyClock, entriesOf } from './vector-clock.js';

/** A clock's non-zero entries (a dense clock may end in zeros), or null. */
const entries = (c: VectorClock | null): Map<number, number> | null => c && entriesOf(c);

/**
 * A buffered channel of capacity C as a semaphore: filled with C sends, then a task writes x and
 * receives (a write before the receive: ordered), or receives then writes (not ordered), while
 * main sends once more and reads x. Go's memory model: the k-th receive happens before the
 * (k+C)-th send completes, for every C.
 */
function semaphore(capacity: number, writeAfterReceive: boolean): () => Promise<void> {
  return async () => {
    const x = shared(0, 'x');
    const sem = chan<number>(capacity);
    for (let i = 0; i < capacity; i++) await sem.send(0);
    go(async () => {
      if (!writeAfterReceive) x.set(1);
      await sem.recv();
      if (writeAfterReceive) x.set(1);
    }, 'releaser');
    await sem.send(0);
    x.get();
  };
}

async function findings(program: () => Promise<void>, capacity: number, runs = 30): Promise<string[]> {
  const r = await explore(program, { runs, seed: 7, findAll: true, maxSteps: 4 * capacity + 100 });
  return r.findings.map((f) => f.message);
}

const RACE = ['WARNING: DATA RACE on x (shared#1)'];

describe('the k-th receive before the (k+C)-th send, for every capacity', () => {
  for (const capacity of [1, 64, 65, 1000]) {
    it(`should see no race through a semaphore channel of capacity ${capacity}`, async () => {
      expect(await findings(semaphore(capacity, false), capacity)).toEqual([]);
    });

    it(`should still report a write after the receive, capacity ${capacity}`, async () => {
      expect(await findings(semaphore(capacity, true), capacity)).toEqual(RACE);
    });
  }

  prop.prop([fc.integer({ min: 1, max: 300 }), fc.boolean()], { numRuns: 25 })(
    'should order exactly what Go orders through a semaphore of any capacity',
    async (capacity, writeAfterReceive) => {
      const got = await findings(semaphore(capacity, writeAfterReceive), capacity, 10);
      expect(got).toEqual(writeAfterReceive ? RACE : []);
    },
  );

  it('should order the k-th receive before the (k+C)-th send with tasks in between, C = 100', async () => {
    // Receives 1..100 each by a different task that wrote its own cell first; then main sends
    // 100 more and reads every cell: each read is ordered by the send it follows.
    const C = 100;
    const r = await explore(
      async () => {
        const sem = chan<number>(C);
        for (let i = 0; i < C; i++) await sem.send(i);
        const cells = Array.from({ length: C }, (_, i) => shared(0, `cell${i}`));
        for (let i = 0; i < C; i++) {
          go(async () => {
            cells[i]!.set(1);
            await sem.recv();
          });
        }
        for (let i = 0; i < C; i++) await sem.send(i);
        // The i-th send of this loop is send C+i+1: it follows receive i+1, whichever task made it.
        for (const c of cells) c.get();
      },
      { runs: 10, seed: 2, maxSteps: 2_000 },
    );
    expect(r.findings.map((f) => f.message)).toEqual([]);
  });
});

describe('the clocks a channel keeps for the rule', () => {
  it('should keep at most C clocks, however many values pass', () => {
    for (const capacity of [1, 3, 64, 65, 500]) {
      const hb = new ChanHappensBefore(new RaceDetector(), capacity, 'chan#1');
      let count = 0;
      let seed = capacity;
      let most = 0;
      // 20,000 sends and receives by 8 tasks in a pseudo-random order a channel allows.
      for (let i = 0; i < 20_000; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const task = 1 + (seed % 8);
        if (count < capacity && (count === 0 || seed % 3 !== 0)) {
          hb.buffered(task);
          count++;
        } else {
          hb.unbuffered(task);
          count--;
        }
        most = Math.max(most, hb.clocksKept);
      }
      expect(most).toBeLessThanOrEqual(capacity);
    }
  });

  it('should let the pending receives go when the channel closes (no send can claim them)', () => {
    const hb = new ChanHappensBefore(new RaceDetector(), 1_000, 'chan#1');
    for (let i = 0; i < 300; i++) {
      hb.buffered(1);
      hb.unbuffered(2 + (i % 5));
    }
    expect(hb.clocksKept).toBe(300);
    hb.closedBy(1);
    expect(hb.clocksKept).toBe(0);
  });

  it("should not keep a clock per tick of a timer's channel", async () => {
    let kept = -1;
    const r = await explore(
      async () => {
        const ticker = time.newTicker(time.Millisecond);
        for (let i = 0; i < 1_000; i++) {
          await time.sleep(2 * time.Millisecond); // the tick waits in the channel's buffer
          await ticker.C.recv();
        }
        ticker.stop();
        kept = (ticker.C as unknown as { hb: ChanHappensBefore }).hb.clocksKept;
      },
      { runs: 1, maxSteps: 100_000 },
    );
    expect(r.findings).toEqual([]);
    expect(kept).toBeLessThanOrEqual(1);
  });

  prop.prop([
    fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }), { maxLength: 40 }),
  ])('should give back each receive clock exactly as it was kept (stored as differences)', (rows) => {
    const clocks: VectorClock[] = rows.map((row) =>
      clockOf(row.flatMap((v, t) => (v === 0 ? [] : [[t, v] as [number, number]]))),
    );
    const kept = new ReceiveClocks();
    clocks.forEach((c, i) => kept.push(i + 1, copyClock(c)));
    expect(kept.size).toBe(clocks.length);
    clocks.forEach((c, i) => {
      expect(entries(kept.take(i + 1))).toEqual(entriesOf(c));
    });
    expect(kept.size).toBe(0);
  });

  it('should drop the receives that no send will claim', () => {
    const kept = new ReceiveClocks();
    for (let k = 1; k <= 5; k++) kept.push(k, clockOf([[k, 1]]));
    expect(entries(kept.take(3))).toEqual(new Map([[3, 1]]));
    expect(kept.size).toBe(2);
    expect(kept.take(2)).toBeNull();
    kept.dropThrough(4);
    expect(kept.size).toBe(1);
    expect(entries(kept.take(5))).toEqual(new Map([[5, 1]]));
    expect(kept.size).toBe(0);
  });
});
