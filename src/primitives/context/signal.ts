/*
 * AbortSignal interop: `ctx.signal` is aborted, with the cause as its reason, when the context is
 * canceled, so a context can be handed to Node.js APIs (`fetch`, `stream.pipeline`, `events.once`).
 * Listeners run synchronously inside the cancel, in the task that cancels (a deadline's cancel runs
 * in its own task, as Go's time.AfterFunc does).
 */

let never: AbortSignal | null = null;

/** The signal of a context that is never canceled: one signal, never aborted, for every run. */
export function neverAborted(): AbortSignal {
  return (never ??= new AbortController().signal);
}

/** A lazily created AbortController: only contexts whose `signal` is read pay for one. */
export class LazySignal {
  private controller: AbortController | null = null;

  /** The signal, created aborted with `reason` if the context is already canceled. */
  get(reason: Error | null): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (reason !== null) this.controller.abort(reason);
    }
    return this.controller.signal;
  }

  abort(reason: Error): void {
    this.controller?.abort(reason);
  }
}
