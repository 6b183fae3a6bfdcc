// Its own file: the workflow bundle needs it, not the validator.
/** Deep-freezes a JSON value: a published plan is immutable. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
