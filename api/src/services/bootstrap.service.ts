import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createWorkspace, generateApiKey, hashPassword, hasUsers, type HeraldDb } from '@herald/db';

export interface FirstLogin {
  workspace: string;
  apiKey: string;
  email: string;
  password: string;
}

/**
 * On a fresh Herald (nobody can sign in yet): the default workspace with a first API key (admin)
 * and a first member, its owner and the instance administrator (who creates further workspaces).
 * Their secrets exist only at creation, so they are kept in `<dataDir>/first-login.json` (mode 600)
 * for `start` to print.
 */
export async function ensureDefaultWorkspace(db: HeraldDb, dataDir: string): Promise<FirstLogin | null> {
  const file = join(dataDir, 'first-login.json');
  if (await hasUsers(db)) return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FirstLogin) : null;
  const key = generateApiKey();
  const password = randomBytes(9).toString('base64url');
  const email = 'admin@herald.local';
  const workspace = await createWorkspace(db, {
    name: 'Default workspace',
    slug: 'default',
    apiKey: { name: 'first key', prefix: key.prefix, keyHash: key.hash },
    member: { email, name: 'Admin', passwordHash: await hashPassword(password), role: 'owner', instanceAdmin: true },
  });
  const login = { workspace, apiKey: key.key, email, password };
  writeFileSync(file, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}
