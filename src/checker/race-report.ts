/** Two unordered accesses to one variable, one of them a write: what the race detector reports. */
export interface Race {
  readonly variable: string;
  readonly current: { readonly task: number; readonly write: boolean; readonly site: string | null };
  readonly previous: { readonly task: number; readonly write: boolean; readonly site: string | null };
}
