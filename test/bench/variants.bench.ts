// Benchmark: what message variants and a journey's holdout cost the ledger. The same pages of the same
// audience through the real activity code, in turn without either, with two variants (each row's variant
// by its stable hash, one batch per variant) and with a 10% holdout (left out of the send, recorded held
// out as a batch run's first send does), in one run on one database, so all see the same machine.
import { performance } from 'node:perf_hooks';
import { enterHeldOut, heldOut, sql } from '@herald/db';
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

type Kind = 'plain' | 'variants' | 'holdout';
const kinds: Kind[] = ['plain', 'variants', 'holdout'];

/**
 * The median of the costs of a kind's pages against the plain pages around each (within two places in
 * the same pass: one before and one after it, so neither order is favoured), what a busy machine's swings leave out.
 */
function pairedCost(rates: ReadonlyArray<{ kind: Kind; rate: number; pass: number }>, kind: Kind): number | null {
  const costs: number[] = [];
  for (const [i, x] of rates.entries()) {
    if (x.kind !== kind) continue;
    const plain = [rates[i - 2], rates[i - 1], rates[i + 1], rates[i + 2]].filter(
      (y) => y?.kind === 'plain' && y.pass === x.pass,
    );
    if (plain.length > 0) costs.push(1 - x.rate / (plain.reduce((t, y) => t + y!.rate, 0) / plain.length));
  }
  costs.sort((a, b) => a - b);
  return costs.length > 0 ? costs[Math.floor(costs.length / 2)]! : null;
}

/**
 * Records `contacts` contacts three times over (three passes over the same pages, the pages taking turns
 * between a run without variants or holdout, a run with two variants and a run with a 10% holdout, the
 * turn shifted each pass) and compares the rates: overall (`cost`, 1 − variant rate / plain rate) and as
 * the median over each page against the plain pages around it (`pairedCost`); the same for the holdout
 * (its rate counts the contacts it held out). Checks every contact got its row in each run (held out in
 * the holdout's), the split, and the holdout's share.
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
    const time = { plain: 0, variants: 0, holdout: 0 };
    const rows = { plain: 0, variants: 0, holdout: 0 };
    let held = 0;
    // Each page's rate, in order: neighbouring pages ran on the machine as it was at that moment.
    const rates: Array<{ kind: Kind; rate: number; pass: number }> = [];
    for (const pass of [0, 1, 2]) {
      const holdout = broadcastJourney({ channelAccountId: wecom });
      holdout.settings = { ...holdout.settings, holdoutPercent: 10 };
      const runs = {
        plain: await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom })),
        variants: await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom, variants })),
        holdout: await publish(db.db, workspaceId, holdout),
      };
      const plan = { journeyId: runs.holdout.journeyId, settings: holdout.settings };
      for (const [i, range] of ranges.entries()) {
        const kind = kinds[(i + pass) % kinds.length]!;
        const run = runs[kind];
        const start = performance.now();
        const result = await deliver(deps, {
          workspaceId,
          runId: run.runId,
          journeyVersionId: run.versionId,
          nodeId: run.nodeId,
          entrySeq: 0,
          send: kind === 'variants' ? { ...send, variants } : send,
          page: {
            audience,
            cursor: range.from,
            until: range.until,
            limit: pageSize,
            ...(kind === 'holdout' ? { except: heldOut(plan, sql`c.id`) } : {}),
          },
          now: new Date(),
          ...(kind === 'variants' ? { variants: { journeyId: run.journeyId, nodeId: run.nodeId, variants } } : {}),
        });
        // A batch run's first send records its page's held-out contacts next (run-entry.ts, enterRange).
        const kept =
          kind === 'holdout'
            ? await enterHeldOut(
                db.db,
                plan,
                { workspaceId, runId: run.runId, journeyVersionId: run.versionId, nodeId: run.nodeId, now: new Date() },
                {
                  workspaceId,
                  audience,
                  identityKind: 'wecom_external_userid',
                  channelAccountId: wecom,
                  cursor: range.from,
                  until: range.until,
                },
              )
            : 0;
        const ms = performance.now() - start;
        held += kept;
        time[kind] += ms;
        rows[kind] += result.processed;
        if (result.processed + kept > 0) rates.push({ kind, rate: (result.processed + kept) / ms, pass });
      }
    }
    const [split] = (await db.db.execute(
      sql`select count(*) filter (where variant = 'a')::int as a, count(*) filter (where variant = 'b')::int as b
        from deliveries where variant is not null`,
    )) as unknown as [{ a: number; b: number }];
    const [heldRows] = (await db.db.execute(
      sql`select count(*)::int as n from journey_states s
        join deliveries d on d.run_id = s.run_id and d.contact_id = s.contact_id where s.status = 'held_out'`,
    )) as unknown as [{ n: number }];
    const plainRowsPerSec = rows.plain / (time.plain / 1000);
    const variantRowsPerSec = rows.variants / (time.variants / 1000);
    const holdoutPerSec = (rows.holdout + held) / (time.holdout / 1000);
    const cost = 1 - variantRowsPerSec / plainRowsPerSec;
    const holdoutCost = 1 - holdoutPerSec / plainRowsPerSec;
    const paired = pairedCost(rates, 'variants') ?? cost;
    const holdoutPaired = pairedCost(rates, 'holdout') ?? holdoutCost;
    const per = (kind: Kind) => rates.filter((r) => r.kind === kind).length;
    console.log(`without variants: ${Math.round(plainRowsPerSec).toLocaleString()} contacts/s (${rows.plain} rows)`);
    console.log(
      `two variants at 50/50: ${Math.round(variantRowsPerSec).toLocaleString()} contacts/s ` +
        `(${rows.variants} rows: a ${split.a}, b ${split.b})`,
    );
    console.log(
      `variants cost ${(cost * 100).toFixed(1)}% of the ledger rate overall, ${(paired * 100).toFixed(1)}% ` +
        `as the median of ${per('variants')} pages against the plain ones around each (goal ≤ 5%)`,
    );
    console.log(
      `a 10% holdout: ${Math.round(holdoutPerSec).toLocaleString()} contacts/s (${rows.holdout} rows, ${held} held ` +
        `out); cost ${(holdoutCost * 100).toFixed(1)}% overall, ${(holdoutPaired * 100).toFixed(1)}% as the median ` +
        `of ${per('holdout')} pages against the plain ones around each (goal ≤ 5%)`,
    );
    // Three passes over the same pages, the kinds in turn: each contact once in each run.
    run.check(`every contact recorded without variants (${rows.plain} of ${contacts})`, rows.plain === contacts);
    run.check(
      `every contact recorded with variants, each row with one (${split.a + split.b} of ${contacts})`,
      rows.variants === contacts && split.a + split.b === contacts,
    );
    run.check(
      `both variants near their 50% share (a ${split.a}, b ${split.b})`,
      Math.abs(split.a - split.b) < 0.05 * contacts,
    );
    run.check(
      `every contact recorded with the holdout: a row, or held out and never sent ` +
        `(${rows.holdout} + ${held} of ${contacts}; ${heldRows.n} both)`,
      rows.holdout + held === contacts && heldRows.n === 0,
    );
    run.check(
      `the holdout near its 10% share (${held} of ${contacts})`,
      Math.abs(held - 0.1 * contacts) < 0.02 * contacts,
    );
    return {
      contacts,
      plainPerSec: plainRowsPerSec,
      variantsPerSec: variantRowsPerSec,
      cost,
      pairedCost: paired,
      holdoutPerSec,
      holdoutCost,
      holdoutPairedCost: holdoutPaired,
    };
  } finally {
    await db.close();
  }
}
