// The edits of a list a step holds (event filters, split branches): each writes the whole new list back.

/** Change one item's fields, remove one, or add one at the end of `list`, writing the result with `write`. */
export const listEdits = <T extends object>(list: readonly T[], write: (next: T[]) => void) => ({
  patch: (i: number, part: Partial<T>) => write(list.map((x, j) => (j === i ? { ...x, ...part } : x))),
  remove: (i: number) => write(list.filter((_, j) => j !== i)),
  add: (item: T) => write([...list, item]),
});
