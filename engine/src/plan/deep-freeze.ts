/** Deep-freezes a JSON value: a published plan is immutable. (Its own file: the workflow bundle needs it, not the validator.) */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
