/**
 * A save that drops the keystroke typed while the previous save is in flight. The editor saves on
 * every change but skips a save while one is running, so the last edit is never saved. Reported
 * against unjs/perfect-debounce (PR #1: "calls will be ignored while the previous promise is being
 * resolved. This causes missing last results"); the fix there, and here, keeps the latest pending
 * text and saves it again once the running save is done.
 */

/** The fake document store: remembers the last text written. */
export class FakeDocumentStore {
  saved = '';
  write = async (text: string): Promise<void> => {
    this.saved = text;
  };
}

export interface Saver {
  change(text: string): Promise<void>;
}

/** As first written: a change arriving during a save is skipped. */
export class SkippingSaver implements Saver {
  private saving = false;
  constructor(private readonly write: (text: string) => Promise<void>) {}

  async change(text: string): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    try {
      await this.write(text);
    } finally {
      this.saving = false;
    }
  }
}

/** Fixed: a change arriving during a save is saved after it (only the latest text). */
export class TrailingSaver implements Saver {
  private saving = false;
  private pending: string | null = null;
  constructor(private readonly write: (text: string) => Promise<void>) {}

  async change(text: string): Promise<void> {
    if (this.saving) {
      this.pending = text;
      return;
    }
    this.saving = true;
    try {
      let next: string | null = text;
      while (next !== null) {
        this.pending = null;
        await this.write(next);
        next = this.pending;
      }
    } finally {
      this.saving = false;
    }
  }
}

export function checkSavedLast(store: FakeDocumentStore, last: string): void {
  if (store.saved !== last) throw new Error(`saved "${store.saved}", the last edit was "${last}"`);
}

/** Two keystrokes: "h", then "he" as an event of its own. */
async function twoKeystrokes(make: (write: (text: string) => Promise<void>) => Saver): Promise<void> {
  const store = new FakeDocumentStore();
  const saver = make(scheduled(store.write, { name: 'write' }));
  const first = saver.change('h');
  // The second keystroke is a later event: it may land before, during or after the first save.
  await spawn(() => saver.change('he'));
  await first;
  checkSavedLast(store, 'he');
}

export const skippingSaver = program(() => twoKeystrokes((w) => new SkippingSaver(w)));
export const trailingSaver = program(() => twoKeystrokes((w) => new TrailingSaver(w)));
import { program, scheduled, spawn } from 'interleave';
