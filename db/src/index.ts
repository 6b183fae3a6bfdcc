export { createDb, pingDb, type HeraldDb, type DbHandle, type CreateDbOptions } from './client';
export { migrateDb, migrationsFolder } from './migrate';
export { DbError } from './errors';
export { encryptSecret, decryptSecret, hashToken, generateApiKey, hashPassword, verifyPassword, safeEqual } from './crypto';
export * as schema from './schema/index';
export * from './schema/index';
