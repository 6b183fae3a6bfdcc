export { createDb, pingDb, type HeraldDb, type DbHandle, type CreateDbOptions } from './client';
export { migrateDb, migrationsFolder } from './migrate';
export { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
export { DbError, isConnectionLoss, isUniqueViolation } from './errors';
export { rowsOf } from './rows';
export { executePrepared, usePreparedStatements } from './prepared';
export { isUuid, textList, uuidList } from './sql-lists';
export {
  deliveryBatchJoin,
  deliveryIds,
  deliveryStatus,
  deliverySentAt,
  indexProbeSettings,
  rowsOfMessages,
  type MessageRow,
} from './ledger';
export {
  encryptSecret,
  decryptSecret,
  hashToken,
  generateApiKey,
  generateInvitationToken,
  hashPassword,
  verifyPassword,
  safeEqual,
  webhookSigningKey,
} from './crypto';
export * from './queries/index';
export * as schema from './schema/index';
export * from './schema/index';
// One drizzle instance for every package: query helpers come from here, not from drizzle-orm directly.
export {
  sql,
  and,
  or,
  eq,
  ne,
  gt,
  gte,
  lt,
  lte,
  inArray,
  desc,
  asc,
  isNull,
  isNotNull,
  count,
  type SQL,
} from 'drizzle-orm';
