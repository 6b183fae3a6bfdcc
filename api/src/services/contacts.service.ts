import type { z } from 'zod';
import { identityKinds, unknownEmployeeUserIds, type HeraldDb } from '@herald/db';
import { contactInput, maxImportRows, type ContactInput } from '../contracts/index';
import { HeraldError } from '../errors/herald-error';
import { readCsv } from './csv.service';

/** The columns a contacts CSV may have; `external_id` is required, tags and owners are separated by `|`. */
export const contactCsvColumns = ['external_id', 'name', ...identityKinds, 'tags', 'owner'] as const;

/**
 * Reads a CSV of contacts (external_id, name, email, phone, wechat_openid, wecom_external_userid,
 * chat_number, tags separated by |, owner: the WeCom user ids of owning employees separated by |) into
 * contacts to import. A row that is not a valid contact is
 * refused with its line and what is wrong, in words; nothing is imported then.
 */
export async function parseContactsCsv(text: string): Promise<ContactInput[]> {
  const table = await readCsv(text, { required: ['external_id'], maxRows: maxImportRows, what: 'contacts' });
  return table.rows.map(({ line, cells }) => {
    const get = (name: string) => cells[name] ?? '';
    const parsed = contactInput.safeParse({
      externalId: get('external_id'),
      name: get('name'),
      identities: identityKinds.filter((k) => get(k) !== '').map((kind) => ({ kind, value: get(kind) })),
      tags: get('tags')
        .split('|')
        .map((t) => t.trim())
        .filter(Boolean),
      owners: get('owner')
        .split('|')
        .map((o) => o.trim())
        .filter(Boolean),
    });
    if (!parsed.success)
      throw new HeraldError('HERALD_ERR_VALIDATION', 400, `Line ${line}: ${rowProblem(parsed.error)}`);
    return parsed.data;
  });
}

/** What is wrong with one CSV row, said about its column. */
function rowProblem(error: z.ZodError): string {
  const first = error.issues[0];
  const [field, index, key] = first?.path ?? [];
  if (field === 'externalId') return 'external_id is empty; every contact needs its own id from your system.';
  if (field === 'name') return 'the name is longer than 200 characters.';
  if (field === 'tags') return 'a tag is longer than 100 characters, or there are more than 50 tags.';
  if (field === 'owners') return 'an owner is longer than 64 characters, or there are more than 20 owners.';
  if (field === 'identities' && typeof index === 'number' && key === 'value')
    return 'an address (email, phone, openid…) is longer than 200 characters.';
  return 'this row cannot be read as a contact.';
}

/** Refuses (422) owners that are not employees of the workspace, naming them; nothing is written then. */
export async function checkOwners(db: HeraldDb, workspaceId: string, userIds: readonly string[]): Promise<void> {
  const unknown = await unknownEmployeeUserIds(db, { workspaceId, userIds });
  if (unknown.length > 0)
    throw HeraldError.of(
      'HERALD_ERR_OWNER_UNKNOWN',
      { userIds: unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '') },
      { userIds: unknown },
    );
}
