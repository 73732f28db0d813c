/** Where a program lives: the file (repo-relative) and the export name. */
export interface ProgramLocator {
  readonly file: string;
  readonly export: string;
}
