import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

/** A write that holds each batch until released, recording the batches it was given. */
function heldWrite(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const write = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() =>
        items.some(fail) ? reject(new Error(`bad batch ${items.join(',')}`)) : resolve(items.map((i) => `ok ${i}`)),
      );
    });
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { write, batches, releaseAll };
}

describe('GroupCommit', () => {
  it('writes items that arrive while a write is in flight together, answering each with its own result', async () => {
    const w = heldWrite();
    const group = new GroupCommit(w.write, 1, 500);
    const answers = Promise.all([1, 2, 3, 4, 5].map((i) => group.add(i)));
    await w.releaseAll();
    expect(await answers).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
    // The first goes alone at once; the four that came meanwhile share the next write.
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('keeps a batch to its maximum and keeps up to `lanes` writes in flight', async () => {
    const w = heldWrite();
    const group = new GroupCommit(w.write, 2, 2);
    const answers = Promise.all([1, 2, 3, 4, 5, 6].map((i) => group.add(i)));
    await w.releaseAll();
    await answers;
    expect(w.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
  });

  it('writes a failed batch again one item at a time: only the bad item fails its request', async () => {
    const w = heldWrite((i) => i === 3);
    const group = new GroupCommit(w.write, 1, 500);
    const answers = [1, 2, 3, 4].map((i) => group.add(i).catch((e: Error) => e.message));
    await w.releaseAll();
    expect(await Promise.all(answers)).toEqual(['ok 1', 'ok 2', 'bad batch 3', 'ok 4']);
    expect(w.batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
