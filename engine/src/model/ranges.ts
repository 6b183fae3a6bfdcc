/**
 * Ranges of contact ids in the order a run's lanes take them: every other range first, then the ones between. Ranges
 * cut at exact contact ids (a send whose calls are scarce) meet inside a lock bucket, and a page takes the
 * buckets it covers in part exclusively (bucketLocks): neighbours taken at once waited for each other in a
 * chain, each for the one before it to commit. Taken apart, lanes hold no bucket in common until the
 * ranges between come, by then mostly with their neighbours done.
 */
export const apart = <T>(list: readonly T[]): T[] => [
  ...list.filter((_, i) => i % 2 === 0),
  ...list.filter((_, i) => i % 2 === 1),
];
