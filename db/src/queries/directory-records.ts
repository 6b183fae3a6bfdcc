import { asc, eq } from 'drizzle-orm';
import type { HeraldDb } from '../client';
import { columnsOf } from '../public-columns';
import { isWorkspaceRow, type WorkspaceRowKey } from '../workspace-row';
import { groupChats, tags } from '../schema/contacts';
import { employees } from '../schema/workspaces';

// A workspace's tags, employees and group chats as their pages list them and add them by hand. A
// second one with the same natural key (tag name, WeCom user id, chat id) fails as a unique
// violation, which the caller names.

/** A tag. */
export interface TagRecord {
  id: string;
  name: string;
}

/** An employee: a member of the company in WeCom. */
export interface EmployeeRecord {
  id: string;
  wecomUserId: string;
  name: string;
}

/** A customer group chat in WeCom, with its owning employee when known. */
export interface GroupChatRecord {
  id: string;
  chatId: string;
  name: string;
  ownerEmployeeId: string | null;
  memberCount: number;
}

const tagColumns = columnsOf(tags, ['id', 'name']);
const employeeColumns = columnsOf(employees, ['id', 'wecomUserId', 'name']);
const groupChatColumns = columnsOf(groupChats, ['id', 'chatId', 'name', 'ownerEmployeeId', 'memberCount']);

/** A workspace's tags by name. */
export async function listTags(db: HeraldDb, p: { workspaceId: string }): Promise<TagRecord[]> {
  return db.select(tagColumns).from(tags).where(eq(tags.workspaceId, p.workspaceId)).orderBy(asc(tags.name));
}

/** Adds a tag. */
export async function insertTag(db: HeraldDb, p: { workspaceId: string; name: string }): Promise<TagRecord> {
  const [row] = await db.insert(tags).values(p).returning(tagColumns);
  return row!;
}

/** A workspace's employees by name. */
export async function listEmployees(db: HeraldDb, p: { workspaceId: string }): Promise<EmployeeRecord[]> {
  const { workspaceId } = employees;
  return db.select(employeeColumns).from(employees).where(eq(workspaceId, p.workspaceId)).orderBy(asc(employees.name));
}

/** Adds an employee. */
export async function insertEmployee(
  db: HeraldDb,
  p: { workspaceId: string; wecomUserId: string; name: string },
): Promise<EmployeeRecord> {
  const [row] = await db.insert(employees).values(p).returning(employeeColumns);
  return row!;
}

/** A workspace's group chats by name. */
export async function listGroupChats(db: HeraldDb, p: { workspaceId: string }): Promise<GroupChatRecord[]> {
  const { workspaceId } = groupChats;
  return db
    .select(groupChatColumns)
    .from(groupChats)
    .where(eq(workspaceId, p.workspaceId))
    .orderBy(asc(groupChats.name));
}

/** Adds a group chat. */
export async function insertGroupChat(
  db: HeraldDb,
  p: { workspaceId: string; chatId: string; name: string; ownerEmployeeId: string | null },
): Promise<GroupChatRecord> {
  const [row] = await db.insert(groupChats).values(p).returning(groupChatColumns);
  return row!;
}

/** Deletes a workspace's group chat; false when it had none with that id. */
export async function deleteGroupChat(db: HeraldDb, p: WorkspaceRowKey): Promise<boolean> {
  const deleted = await db.delete(groupChats).where(isWorkspaceRow(groupChats, p)).returning({ id: groupChats.id });
  return deleted.length > 0;
}
