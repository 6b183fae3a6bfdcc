import type { HeraldDb } from '@herald/db';
import type { ChannelClients } from './channels/channel-clients';

/** What the activities need from the process: the database, the secret key, the channel clients. */
export interface ActivityDeps {
  db: HeraldDb;
  secretKey: Buffer;
  channels: ChannelClients;
}
