/**
 * Last response wins. A search box sends a query per keystroke and shows whatever answer arrives
 * last: the user types "a" then "ab", the answer for "ab" comes back first, and the late answer for
 * "a" overwrites it. Reported for an autocomplete control (nvisionative/nvQuickComponents#10); the
 * fix numbers the requests and drops any answer that is not for the latest one, as jQuery UI's
 * autocomplete did (jquery/jquery-ui commit 6b9b513).
 */

export type Search = (query: string) => Promise<string[]>;

/** The fake search service: the results for a query are the query's words. */
export const searchService: Search = async (query) => [`${query}: first hit`, `${query}: second hit`];

export interface SearchBox {
  results: string[];
  type(query: string): Promise<void>;
}

/** As first written: every answer is shown when it arrives. */
export class NaiveSearchBox implements SearchBox {
  results: string[] = [];
  constructor(private readonly search: Search) {}

  async type(query: string): Promise<void> {
    this.results = await this.search(query);
  }
}

/** Fixed: an answer is shown only if no later query was sent meanwhile. */
export class LatestSearchBox implements SearchBox {
  results: string[] = [];
  private latest = 0;
  constructor(private readonly search: Search) {}

  async type(query: string): Promise<void> {
    const id = ++this.latest;
    const results = await this.search(query);
    if (id === this.latest) this.results = results;
  }
}

/** The invariant both harnesses check once every answer is in. */
export function checkShowsLatest(box: SearchBox, latest: string): void {
  if (box.results[0] !== `${latest}: first hit`) {
    throw new Error(`shows results for "${box.results[0]?.split(':')[0]}" after typing "${latest}"`);
  }
}

/** Two keystrokes, both requests in flight at once from the one task. */
async function twoKeystrokes(box: SearchBox): Promise<void> {
  await Promise.all([box.type('a'), box.type('ab')]);
  checkShowsLatest(box, 'ab');
}

const search = (): Search => scheduled(searchService, { name: 'search' });
export const naiveSearchBox = program(() => twoKeystrokes(new NaiveSearchBox(search())));
export const latestSearchBox = program(() => twoKeystrokes(new LatestSearchBox(search())));
import { program, scheduled } from 'interleave';
