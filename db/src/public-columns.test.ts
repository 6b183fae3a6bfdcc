import { describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import { columnsOf } from './public-columns';
import { apiKeys } from './schema/workspaces';

describe('columnsOf', () => {
  it("gives the named columns of the table, in the names' order", () => {
    const picked = columnsOf(apiKeys, ['name', 'id', 'prefix']);
    expect(Object.keys(picked)).toEqual(['name', 'id', 'prefix']);
    expect(picked.prefix).toBe(apiKeys.prefix);
    expect(picked.id.name).toBe('id');
  });

  it('leaves out every column it is not given, a secret added to the table included', () => {
    expect(Object.keys(getTableColumns(apiKeys))).toContain('keyHash');
    expect(Object.keys(columnsOf(apiKeys, ['id', 'name', 'prefix', 'role']))).not.toContain('keyHash');
  });
});
