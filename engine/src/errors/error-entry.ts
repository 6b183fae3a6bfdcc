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

/** A row as the table keeps it: the literal status and message, so each code's `{name}`s type its params. */
export type Row<S extends number | null, K extends ErrorKind, M extends string> = {
  status: S;
  kind: K;
  message: M;
  words?: string;
};

const row =
  <const K extends ErrorKind>(kind: K) =>
  <const S extends number | null, const M extends string>(status: S, message: M, words?: string): Row<S, K, M> =>
    words === undefined ? { status, kind, message } : { status, kind, message, words };

/** A user error's row: bad input or a rule broken, its message shown. */
export const userError = row('user');
/** An operational error's row: something outside is down or busy, retried. */
export const operationalError = row('operational');
/** An unexpected error's row: a defect, logged. */
export const unexpectedError = row('unexpected');

type Joined<P extends readonly string[]> = P extends readonly [infer H extends string, ...infer R extends string[]]
  ? `${H}${Joined<R>}`
  : '';

/** A message too long for one line, written in parts and joined as they are; its literal type is kept. */
export const joined = <const P extends readonly string[]>(...parts: P): Joined<P> => parts.join('') as Joined<P>;
