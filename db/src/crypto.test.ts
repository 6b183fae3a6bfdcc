import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  encryptSecret,
  generateApiKey,
  hashPassword,
  hashToken,
  safeEqual,
  verifyPassword,
} from './crypto';

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips a credential and never stores it in clear', () => {
    const sealed = encryptSecret('{"secret":"wx-app-secret"}', key);
    expect(sealed).not.toContain('wx-app-secret');
    expect(decryptSecret(sealed, key)).toBe('{"secret":"wx-app-secret"}');
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptSecret('s3cret', key);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('X' + Buffer.from(parts[3]!, 'base64url').toString('latin1').slice(1), 'latin1').toString(
      'base64url',
    );
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
  });

  it('checks API keys by hash and passwords by scrypt', async () => {
    const { key: apiKey, prefix, hash } = generateApiKey();
    expect(apiKey.startsWith(`hk_${prefix}_`)).toBe(true);
    expect(hashToken(apiKey)).toBe(hash);
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
  });
});
