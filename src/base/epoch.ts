// The real Date, captured before anything fakes it.
const RealDate = Date;

/** Virtual time 0 is 2000-01-01T00:00:00Z, as in Go's testing/synctest. */
export const EPOCH_MS = RealDate.UTC(2000, 0, 1);

/** A Date for a virtual time (ns since the run started), built with the real Date. */
export function virtualDate(ns: number): Date {
  return new RealDate(EPOCH_MS + Math.floor(ns / 1e6));
}
