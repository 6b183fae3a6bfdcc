// Benchmark: what message variants cost the ledger. The same pages of the same audience through the
// real activity code, alternately without variants and with two variants (each row's variant by its
// stable hash, one batch per variant), in one run on one database, so both see the same machine.
import { performance } from 'node:perf_hooks';
import { sql } from '@herald/db';
import { createTestDatabase } from '@herald/db/testing';
import { audienceBoundaries, deliver } from '@herald/activities';
import { ChannelClients, type SendRequest } from '@herald/channels';
import { broadcastJourney } from '@herald/engine/testing';
import { publish, seedAccount, seedContacts, seedTag, seedWorkspace, testSecretKey } from '../src/fixtures/seed';
import type { Figure, startRun } from './results';

/** Accepts every recipient without any I/O: the benchmark measures Herald's own database path. */
class NoProviderCall extends ChannelClients {
  override async send(req: SendRequest) {
    return req.recipients.map((r) => ({ key: r.key, ok: true as const, providerMessageId: 'bench' }));
  }
}

/**
 * Records `contacts` contacts twice over (two passes over the same pages, the pages alternating between a run without
 * variants and a run with two, the parity swapped in the second pass) and compares the rates: overall
 * (`cost`, 1 − variant rate / plain rate) and as the median over neighbouring page pairs (`pairedCost`,
 * what a busy machine's swings leave out). Checks every contact got its row in both runs, and the split.
 */
export async function variantsBench(
  run: ReturnType<typeof startRun>,
  contacts: number,
  pageSize = 10000,
): Promise<Record<string, Figure>> {
  const db = await createTestDatabase();
  try {
    const { workspaceId, employeeId } = await seedWorkspace(db.db);
    const wecom = await seedAccount(db.db, workspaceId, 'wecom', 'http://127.0.0.1:9');
    const tag = await seedTag(db.db, workspaceId, 'All');
    await seedContacts(db.db, {
      workspaceId,
      n: contacts,
      ownerEmployeeId: employeeId,
      identity: { kind: 'wecom_external_userid', valuePrefix: 'wm' },
      tags: [{ tagId: tag, every: 1 }],
    });
    await db.db.execute(sql`vacuum analyze`);
    await db.db.execute(sql`checkpoint`);
    const audience = { kind: 'tags' as const, mode: 'any' as const, tagIds: [tag], excludeTagIds: [] };
    const ranges: Array<{ from: string | null; until: string | null }> = [];
    let planned: string | null = null;
    for (let done = false; !done;) {
      const next = await audienceBoundaries(db.db, {
        workspaceId,
        audience,
        identityKind: 'wecom_external_userid',
        channelAccountId: wecom,
        cursor: planned,
        pageSize,
        maxRanges: 64,
      });
      for (const b of next.boundaries) {
        ranges.push({ from: planned, until: b });
        planned = b;
      }
      if (next.done) {
        ranges.push({ from: planned, until: null });
        done = true;
      }
    }
    const deps = { db: db.db, secretKey: testSecretKey, channels: new NoProviderCall() };
    const send = {
      channelAccountId: wecom,
      channel: 'wecom' as const,
      method: 'wecom_group_msg' as const,
      type: 'contacts' as const,
      groupName: 'bench',
      messages: [{ type: 'text' as const, text: 'bench A' }],
    };
    const variants = [
      { id: 'a', share: 50 },
      { id: 'b', share: 50, messages: [{ type: 'text' as const, text: 'bench B' }] },
    ];
    const time = { plain: 0, variants: 0 };
    const rows = { plain: 0, variants: 0 };
    // Each page's rate, in order: neighbouring pages ran on the machine as it was at that moment.
    const rates: Array<{ kind: 'plain' | 'variants'; rate: number }> = [];
    for (const pass of [0, 1]) {
      const plainRun = await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom }));
      const variantRun = await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom, variants }));
      for (const [i, range] of ranges.entries()) {
        const kind = (i + pass) % 2 === 0 ? 'plain' : 'variants';
        const run = kind === 'plain' ? plainRun : variantRun;
        const start = performance.now();
        const result = await deliver(deps, {
          workspaceId,
          runId: run.runId,
          journeyVersionId: run.versionId,
          nodeId: run.nodeId,
          entrySeq: 0,
          send: kind === 'plain' ? send : { ...send, variants },
          page: { audience, cursor: range.from, until: range.until, limit: pageSize },
          now: new Date(),
          ...(kind === 'variants' ? { variants: { journeyId: run.journeyId, nodeId: run.nodeId, variants } } : {}),
        });
        const ms = performance.now() - start;
        time[kind] += ms;
        rows[kind] += result.processed;
        rates.push({ kind, rate: result.processed / ms });
      }
    }
    const [split] = (await db.db.execute(
      sql`select count(*) filter (where variant = 'a')::int as a, count(*) filter (where variant = 'b')::int as b
        from deliveries where variant is not null`,
    )) as unknown as [{ a: number; b: number }];
    const plainRowsPerSec = rows.plain / (time.plain / 1000);
    const variantRowsPerSec = rows.variants / (time.variants / 1000);
    const cost = 1 - variantRowsPerSec / plainRowsPerSec;
    const pairs: number[] = [];
    for (let i = 0; i + 1 < rates.length; i += 2) {
      const [x, y] = [rates[i]!, rates[i + 1]!];
      if (x.kind === y.kind) continue;
      const [plain, varied] = x.kind === 'plain' ? [x, y] : [y, x];
      pairs.push(1 - varied.rate / plain.rate);
    }
    pairs.sort((a, b) => a - b);
    const pairedCost = pairs.length > 0 ? pairs[Math.floor(pairs.length / 2)]! : cost;
    console.log(`without variants: ${Math.round(plainRowsPerSec).toLocaleString()} contacts/s (${rows.plain} rows)`);
    console.log(
      `two variants at 50/50: ${Math.round(variantRowsPerSec).toLocaleString()} contacts/s ` +
        `(${rows.variants} rows: a ${split.a}, b ${split.b})`,
    );
    console.log(
      `variants cost ${(cost * 100).toFixed(1)}% of the ledger rate overall, ` +
        `${(pairedCost * 100).toFixed(1)}% as the median of ${pairs.length} neighbouring page pairs (goal ≤ 5%)`,
    );
    // Two passes over the same pages, the kinds swapped: each contact once without variants and once with.
    run.check(`every contact recorded without variants (${rows.plain} of ${contacts})`, rows.plain === contacts);
    run.check(
      `every contact recorded with variants, each row with one (${split.a + split.b} of ${contacts})`,
      rows.variants === contacts && split.a + split.b === contacts,
    );
    run.check(
      `both variants near their 50% share (a ${split.a}, b ${split.b})`,
      Math.abs(split.a - split.b) < 0.05 * contacts,
    );
    return { contacts, plainPerSec: plainRowsPerSec, variantsPerSec: variantRowsPerSec, cost, pairedCost };
  } finally {
    await db.close();
  }
}
