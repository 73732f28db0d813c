/**
 * Go's `time` package over interleave's virtual clock: integer nanoseconds since the run started,
 * shown as 2000-01-01T00:00:00Z plus that. Time passes only when no task can run (as in Go's
 * testing/synctest), so sleeps and timeouts cost no real time.
 */
export {
  Nanosecond,
  Microsecond,
  Millisecond,
  Second,
  Minute,
  Hour,
  formatDuration,
  type Duration,
} from '../../base/duration.js';
export { Time, now, since, until } from './clock.js';
export { sleep } from './sleep.js';
export { Timer, TimerChan, newTimer, after, afterFunc } from './timer.js';
export { Ticker, newTicker, tick } from './ticker.js';
