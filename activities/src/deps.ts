import type { HeraldDb } from '@herald/db';
import type { ChannelClients } from '@herald/channels';

/** What the activities need from the process: the database, the secret key, the channel clients. */
export interface ActivityDeps {
  db: HeraldDb;
  secretKey: Buffer;
  channels: ChannelClients;
}
