/**
 * The seed's "Bridge Channel": bridge, ported as written. The seed gives only the function and a
 * usage comment ("... send some channels on chanStream ..."); the main here does that, as in
 * Cox-Buday, "Concurrency in Go", ch. 4: a goroutine sends three single-use channels, each already
 * holding its values and closed, then closes chanStream.
 */
import { chan, go, program, select, type Chan, type MaybeChan } from 'interleave';
import { fmt } from './fmt.js';
import { orDone } from './tee.js';

export function bridge<T>(done: MaybeChan<unknown>, chanStream: Chan<Chan<T>>): Chan<T> {
  const valStream = chan<T>();
  go(async () => {
    try {
      for (;;) {
        let stream: Chan<T>;
        const r = await select([{ recv: chanStream }, { recv: done }]);
        if (r.index === 0) {
          // case maybeStream, ok := <-chanStream:
          if (!r.ok) return;
          stream = r.value as Chan<T>;
        } else {
          return; // case <-done: return
        }
        // Drain values from the current inner channel.
        for await (const v of orDone(done, stream)) {
          await select([{ send: valStream, value: v }, { recv: done }]);
        }
      }
    } finally {
      valStream.close(); // defer close(valStream)
    }
  }, 'bridge');
  return valStream;
}

/** Not in the seed: three channels on chanStream; the bridge outputs 0 1 2 3 4 5 in order. */
export const bridgeUsage = program(async () => {
  const done = chan<void>();
  try {
    const chanStream = chan<Chan<number>>();
    go(async () => {
      try {
        for (let i = 0; i < 3; i++) {
          const stream = chan<number>(2);
          await stream.send(2 * i);
          await stream.send(2 * i + 1);
          stream.close();
          await chanStream.send(stream);
        }
      } finally {
        chanStream.close(); // defer close(chanStream)
      }
    }, 'genVals');
    for await (const v of bridge(done, chanStream)) {
      fmt.Print(v, ' ');
    }
  } finally {
    done.close(); // defer close(done)
  }
});
