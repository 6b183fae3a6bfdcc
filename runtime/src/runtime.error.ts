import { CodedError } from '@herald/engine';

/** A runtime failure (binary missing, port busy, server not starting) printed as one sentence. */
export class RuntimeError extends CodedError {
  override readonly name = 'RuntimeError';
}
