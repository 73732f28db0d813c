/** A share of an exploration's runs: those with r % count === index (worker threads, CI shards). */
export interface Part {
  readonly index: number;
  readonly count: number;
}
