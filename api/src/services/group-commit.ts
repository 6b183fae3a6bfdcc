import type { HeraldDb } from '@herald/db';

interface Waiting<In, Out> {
  item: In;
  resolve(out: Out): void;
  reject(error: unknown): void;
}

/**
 * Group commit for writes that come one per request (an event, a provider's callback): requests that
 * arrive while earlier ones are being written share the next statement and its commit. Each request
 * is answered only after the commit that holds its item (durable as before); at low load a request
 * goes alone at once, under load hundreds go in one commit. At most `lanes` writes are in flight.
 * A batch that fails is written again one item at a time, so one bad item (or a deadlock victim)
 * fails only its own request.
 */
export class GroupCommit<In, Out> {
  private waiting: Array<Waiting<In, Out>> = [];
  private inFlight = 0;
  /** `write` stores a batch in one transaction and returns each item's answer, in order. */
  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly lanes = 4,
    private readonly max = 500,
  ) {}

  /** Writes `item` with whatever else is waiting; resolves with its answer once committed. */
  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.inFlight < this.lanes) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.max);
        try {
          const outs = await this.write(batch.map((w) => w.item));
          batch.forEach((w, i) => w.resolve(outs[i]!));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else
            for (const w of batch)
              await this.write([w.item]).then(
                (outs) => w.resolve(outs[0]!),
                (e: unknown) => w.reject(e),
              );
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}

const groups = new WeakMap<HeraldDb, Map<string, GroupCommit<unknown, unknown>>>();

/** The group commit of `key` on `db`, made by `make` the first time it is asked for. */
export function groupCommitOf<In, Out>(
  db: HeraldDb,
  key: string,
  make: () => GroupCommit<In, Out>,
): GroupCommit<In, Out> {
  let byKey = groups.get(db);
  if (!byKey) groups.set(db, (byKey = new Map()));
  let group = byKey.get(key) as GroupCommit<In, Out> | undefined;
  if (!group) byKey.set(key, (group = make()) as GroupCommit<unknown, unknown>);
  return group;
}
