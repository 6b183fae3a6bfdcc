import { describe, expect, it } from 'vitest';
import {
  channelKinds as engineChannelKinds,
  methodRegistry,
  sendTypeSchema,
  skipReasons as engineSkipReasons,
} from '@herald/engine';
import { broadcastTypes, channelKinds, skipReasons } from './index';

// The database's closed value sets (check constraints) are copies of the engine's: a value the
// engine adds must be added to a migration too, or its rows are refused at insert. Each pair here
// must hold exactly the same values (order aside).
describe("the database's value sets are the engine's", () => {
  it.each([
    ['channel kinds (channel_accounts.kind)', channelKinds, engineChannelKinds],
    ['skip reasons (deliveries.skip_reason)', skipReasons, engineSkipReasons],
    ['send types (broadcasts.type)', broadcastTypes, sendTypeSchema.options],
  ])('%s', (_what, db, engine) => {
    expect([...db].sort()).toEqual([...engine].sort());
  });

  it('has every skip reason a quota policy of the registry records', () => {
    const used = Object.values(methodRegistry).flatMap((m) => m.policies.map((p) => p.skipReason));
    for (const reason of used) expect(skipReasons).toContain(reason);
  });
});
