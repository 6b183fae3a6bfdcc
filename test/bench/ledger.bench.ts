// Benchmark: resolve, reserve and record N contacts (no provider call) through the real activity
// code, against the raw multi-row INSERT rate of the same delivery rows, measured in the same run.
import { performance } from 'node:perf_hooks';
import { sql, runs } from '@herald/db';
import { createTestDatabase } from '@herald/db/testing';
import { audienceBoundaries, deliver } from '@herald/activities';
import { ChannelClients } from '@herald/channels';
import type { SendRequest } from '@herald/channels';
import { broadcastJourney } from '@herald/engine/testing';
import { publish, seedAccount, seedContacts, seedTag, seedWorkspace, testSecretKey } from '../src/fixtures/seed';
import type { Figure, startRun } from './results';

/** Accepts every recipient without any I/O: this benchmark measures Herald's own database path. */
class NoProviderCall extends ChannelClients {
  override async send(req: SendRequest) {
    return req.recipients.map((r) => ({ key: r.key, ok: true as const, providerMessageId: 'bench' }));
  }
}

/** Runs the ledger benchmark on a fresh database; prints the figures, checks it did all its work, returns them. */
export async function ledgerBench(
  run: ReturnType<typeof startRun>,
  contacts: number,
  pageSize = 10000,
): Promise<Record<string, Figure>> {
  const db = await createTestDatabase();
  try {
    const t0 = performance.now();
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
    await db.db.execute(sql`analyze`);
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(
      `seeded ${contacts.toLocaleString()} contacts with identities and a tag in ${seedSeconds.toFixed(1)} s`,
    );

    // Physical limit: multi-row INSERT of the same delivery rows (same columns, same unique index), same page size.
    const raw = await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom }));
    const ids = (await db.db.execute(
      sql`select id from contacts where workspace_id = ${workspaceId}::uuid order by id`,
    )) as unknown as Array<{ id: string }>;
    // Each phase starts from a settled database: nothing of the seeding (or of the other phase) left
    // to checkpoint or vacuum while it is timed.
    const settle = async () => {
      await db.db.execute(sql`vacuum analyze`);
      await db.db.execute(sql`checkpoint`);
    };
    await settle();
    const rawStart = performance.now();
    for (let i = 0; i < ids.length; i += pageSize) {
      const chunk = JSON.stringify(ids.slice(i, i + pageSize).map((r) => r.id));
      await db.db
        .execute(sql`insert into deliveries (workspace_id, run_id, node_id, contact_id, message_index, entry_seq,
          channel_account_id, method, recipient, owner_employee_id, status)
        select ${workspaceId}::uuid, ${raw.runId}::uuid, 'send', x::uuid, 0, 0, ${wecom}::uuid,
          'wecom_group_msg', 'wm', ${employeeId}::uuid, 'sent'
        from jsonb_array_elements_text(${chunk}::jsonb) x`);
    }
    const rawRowsPerSec = ids.length / ((performance.now() - rawStart) / 1000);
    console.log(`raw multi-row INSERT of delivery rows: ${Math.round(rawRowsPerSec).toLocaleString()} rows/s`);

    // Herald: planned ranges, then per page one transaction that reads the audience, checks the
    // per-contact daily quota against the ledger and writes the rows, and the batch's settlement.
    await settle();
    const sendRun = await publish(db.db, workspaceId, broadcastJourney({ channelAccountId: wecom }));
    const deps = { db: db.db, secretKey: testSecretKey, channels: new NoProviderCall() };
    const send = {
      channelAccountId: wecom,
      channel: 'wecom' as const,
      method: 'wecom_group_msg' as const,
      type: 'contacts' as const,
      groupName: 'bench',
      messages: [{ type: 'text' as const, text: 'bench' }],
    };
    const start = performance.now();
    let processed = 0;
    let planMs = 0;
    // As the broadcast workflow does: ranges of pageSize contact ids planned ahead, then a page per range.
    const audience = { kind: 'tags' as const, mode: 'any' as const, tagIds: [tag], excludeTagIds: [] };
    const ranges: Array<{ from: string | null; until: string | null }> = [];
    let planned: string | null = null;
    let planDone = false;
    for (;;) {
      if (ranges.length === 0 && !planDone) {
        const planStart = performance.now();
        const { boundaries, done } = await audienceBoundaries(db.db, {
          workspaceId,
          audience,
          identityKind: 'wecom_external_userid',
          channelAccountId: wecom,
          cursor: planned,
          pageSize,
          maxRanges: 64,
        });
        for (const b of boundaries) {
          ranges.push({ from: planned, until: b });
          planned = b;
        }
        if (done) {
          ranges.push({ from: planned, until: null });
          planDone = true;
        }
        planMs += performance.now() - planStart;
      }
      const range = ranges.shift();
      if (!range) break;
      const result = await deliver(deps, {
        workspaceId,
        runId: sendRun.runId,
        journeyVersionId: sendRun.versionId,
        nodeId: sendRun.nodeId,
        entrySeq: 0,
        send,
        page: { audience, cursor: range.from, until: range.until, limit: pageSize },
        now: new Date(),
      });
      processed += result.processed;
      if (processed % 100_000 < pageSize)
        console.log(
          `  ${processed.toLocaleString()} contacts, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MiB`,
        );
    }
    const heraldSeconds = (performance.now() - start) / 1000;
    const heraldRowsPerSec = processed / heraldSeconds;
    console.log(
      `  of which planning ranges ${(planMs / 1000).toFixed(2)} s, ` +
        `pages (audience + rules + rows + settlement) ${(heraldSeconds - planMs / 1000).toFixed(2)} s`,
    );
    const ratio = heraldRowsPerSec / rawRowsPerSec;
    console.log(
      `Herald resolve + reserve + record: ${Math.round(heraldRowsPerSec).toLocaleString()} contacts/s = ` +
        `${(ratio * 100).toFixed(0)}% of the raw INSERT rate (goal ≥ 50%)`,
    );
    // Done means every contact has its row, settled, and the counters say so.
    const [counted] = await db.db
      .select({ sent: runs.sent })
      .from(runs)
      .where(sql`${runs.id} = ${sendRun.runId}::uuid`);
    const [stored] = (await db.db.execute(
      sql`select count(*)::int as rows, count(distinct contact_id)::int as contacts
        from deliveries where run_id = ${sendRun.runId}::uuid`,
    )) as unknown as Array<{ rows: number; contacts: number }>;
    run.check(`the run's counters say ${counted?.sent} sent of ${contacts}`, counted?.sent === contacts);
    run.check(
      `the ledger holds ${stored?.rows} rows for ${stored?.contacts} contacts of ${contacts}`,
      stored?.rows === contacts && stored.contacts === contacts,
    );
    run.check(`the pages processed ${processed} contacts of ${contacts}`, processed === contacts);
    return {
      contacts,
      pageSize,
      rawRowsPerSec: Math.round(rawRowsPerSec),
      heraldPerSec: Math.round(heraldRowsPerSec),
      ratio: Math.round(ratio * 1000) / 1000,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      planSeconds: Math.round(planMs / 100) / 10,
      heraldSeconds: Math.round(heraldSeconds * 10) / 10,
      rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    };
  } finally {
    await db.close();
  }
}
