/** The three kinds of error every boundary maps (CONVENTIONS.md, "Errors everywhere"). */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

/** One row of the error table. */
export interface ErrorEntry {
  /** The HTTP status the API answers with; null where the code never reaches an HTTP client as such. */
  status: number | null;
  kind: ErrorKind;
  /** The message, with `{name}` for the details each occurrence fills in. */
  message: string;
  /** What a marketer reads in the editor, when the editor shows this code (the message adds the detail). */
  words?: string;
}
