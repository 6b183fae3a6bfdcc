// Every call the editor makes to the API, in one place. Errors carry the API's stable code.
import type { JourneyGraph, ValidationIssue } from '@herald/engine';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } }).error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HERALD_ERR_NETWORK',
      error?.message ?? `The server answered ${response.status}.`,
      error?.details,
    );
  }
  return json as T;
}

export interface Me {
  workspaceId: string;
  workspaceName: string;
  member: { id: string; name: string; email: string } | null;
}
export interface JourneyVersion {
  id: string;
  version: number;
  publishedAt: string;
  publishedBy?: { id: string; name: string } | null;
  current?: boolean;
}
export interface JourneyRecord {
  id: string;
  name: string;
  status: string;
  graph: JourneyGraph;
  currentVersionId: string | null;
  versions: JourneyVersion[];
}
export interface NodeCounts {
  entered: number;
  waiting: number;
  sent: number;
  failed: number;
  skipped: number;
}
export interface Account {
  id: string;
  kind: string;
  name: string;
}
export interface BroadcastItem {
  id: string;
  name: string;
  content: string;
  method: string;
  type: string;
  sendType: string;
  sendAt: string | null;
  status: string;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
}
export interface BroadcastDetail extends BroadcastItem {
  runId: string | null;
  stats: {
    total: number;
    sent: number;
    delivered: number;
    failed: number;
    skipped: number;
    pending: number;
    skippedByReason: Record<string, number>;
    readRate: number;
    replyRate: number;
    progress: number;
  };
}
export interface EmployeeRow {
  employeeId: string | null;
  name: string;
  delivered: number;
  undelivered: number;
}
export type TimelineItem =
  | { kind: 'event'; id: string; at: string; type: string; source: string; properties: Record<string, unknown> }
  | {
      kind: 'message';
      id: string;
      at: string;
      method: string;
      status: string;
      reason: string | null;
      recipient: string | null;
      title: string;
      content: string | null;
      broadcastId: string | null;
      journeyId: string | null;
    };
export interface Recipient {
  deliveryId: number;
  contactId: string;
  contactName: string;
  recipient: string | null;
  employee: string | null;
  status: string;
  reason: string | null;
  sentAt: string | null;
}

export const api = {
  me: () => call<Me>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<Me>('POST', '/api/auth/login', { email, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  journeys: () =>
    call<{ items: Array<{ id: string; name: string; status: string; updatedAt: string }> }>('GET', '/api/journeys'),
  createJourney: (name: string, graph?: JourneyGraph) =>
    call<JourneyRecord>('POST', '/api/journeys', { name, ...(graph ? { graph } : {}) }),
  journey: (id: string) => call<JourneyRecord>('GET', `/api/journeys/${id}`),
  saveGraph: (id: string, graph: JourneyGraph) => call<JourneyRecord>('PUT', `/api/journeys/${id}/graph`, { graph }),
  publish: (id: string) =>
    call<{ versionId: string; version: number; mode: string }>('POST', `/api/journeys/${id}/publish`),
  journeyAction: (id: string, action: 'pause' | 'resume') =>
    call<JourneyRecord>('POST', `/api/journeys/${id}/${action}`),
  versions: (id: string) => call<{ items: JourneyVersion[] }>('GET', `/api/journeys/${id}/versions`),
  stats: (id: string) =>
    call<{ versionId: string | null; nodes: Record<string, NodeCounts> }>('GET', `/api/journeys/${id}/stats`),
  accounts: () => call<{ items: Account[] }>('GET', '/api/channel-accounts'),
  broadcasts: (q: { search?: string; status?: string }) =>
    call<{ items: BroadcastItem[]; total: number }>(
      'GET',
      `/api/broadcasts?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as Array<[string, string]>)}`,
    ),
  contacts: (q: { search?: string; tagId?: string }) =>
    call<{
      items: Array<{ id: string; externalId: string | null; name: string; createdAt: string }>;
      nextCursor: string | null;
    }>(
      'GET',
      `/api/contacts?${new URLSearchParams(Object.entries(q).filter(([, v]) => v) as Array<[string, string]>)}&limit=200`,
    ),
  importCsv: async (csv: string) => {
    const response = await fetch('/api/contacts/import', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const json = (await response.json()) as {
      created?: number;
      updated?: number;
      error?: { code: string; message: string };
    };
    if (!response.ok)
      throw new ApiError(
        response.status,
        json.error?.code ?? 'HERALD_ERR_NETWORK',
        json.error?.message ?? 'Import failed.',
      );
    return json as { created: number; updated: number };
  },
  createTag: (name: string) => call<{ id: string; name: string }>('POST', '/api/tags', { name }),
  tagContact: (contactId: string, tagIds: string[]) =>
    call<unknown>('POST', `/api/contacts/${contactId}/tags`, { tagIds }),
  tags: () => call<{ items: Array<{ id: string; name: string }> }>('GET', '/api/tags'),
  preview: (body: { channelAccountId: string; method: string; audience: unknown }) =>
    call<{ audience: number; reachable: number; sendable: number }>('POST', '/api/broadcasts/preview', body),
  settings: () => call<WorkspaceSettings>('GET', '/api/workspace/settings'),
  saveSettings: (body: { frequencyCap?: FrequencyCap | null; quietHours?: QuietHours | null }) =>
    call<WorkspaceSettings>('PUT', '/api/workspace/settings', body),
  createBroadcast: (body: unknown) => call<BroadcastItem>('POST', '/api/broadcasts', body),
  broadcast: (id: string) => call<BroadcastDetail>('GET', `/api/broadcasts/${id}`),
  recipients: (id: string) =>
    call<{ items: Recipient[]; nextCursor: number | null }>('GET', `/api/broadcasts/${id}/recipients?limit=1000`),
  employees: (id: string) => call<{ items: EmployeeRow[] }>('GET', `/api/broadcasts/${id}/employees`),
  emailExport: (id: string, body: { format: 'csv' | 'xlsx'; to: string[]; subject: string }) =>
    call<{ exportId: string; rows: number }>('POST', `/api/broadcasts/${id}/export/email`, body),
  contact: (id: string) =>
    call<{
      id: string;
      externalId: string | null;
      name: string;
      unsubscribed: boolean;
      identities: Array<{ kind: string; value: string }>;
      tags: Array<{ id: string; name: string }>;
      createdAt: string;
    }>('GET', `/api/contacts/${id}`),
  timeline: (id: string, cursor?: string) =>
    call<{ items: TimelineItem[]; nextCursor: string | null }>(
      'GET',
      `/api/contacts/${id}/timeline?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  scheduledMessages: (contactId: string) =>
    call<{ items: BroadcastItem[] }>('GET', `/api/conversations/${contactId}/scheduled-messages`),
  materials: (kind: MaterialKind) => call<{ items: Material[] }>('GET', `/api/materials?kind=${kind}&limit=200`),
  uploadMaterial: async (kind: MaterialKind, file: File, channelAccountId?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const query = new URLSearchParams({
      kind,
      ...(channelAccountId ? { channelAccountId } : {}),
      ...(kind === 'video' ? { title: file.name.replace(/\.[^.]+$/, '').slice(0, 64) || 'Video' } : {}),
    });
    const response = await fetch(`/api/materials?${query}`, { method: 'POST', credentials: 'same-origin', body: form });
    const json = (await response.json().catch(() => ({}))) as Material & { error?: { code: string; message: string } };
    if (!response.ok)
      throw new ApiError(
        response.status,
        json.error?.code ?? 'HERALD_ERR_NETWORK',
        json.error?.message ?? 'Upload failed.',
      );
    return json;
  },
  templates: (accountId: string) => call<{ items: Template[] }>('GET', `/api/channel-accounts/${accountId}/templates`),
  groupChats: () =>
    call<{ items: Array<{ id: string; chatId: string; name: string; ownerEmployeeId: string | null }> }>(
      'GET',
      '/api/group-chats',
    ),
  staff: () => call<{ items: Array<{ id: string; wecomUserId: string; name: string }> }>('GET', '/api/employees'),
  broadcastAction: (id: string, action: 'pause' | 'resume' | 'cancel' | 'copy') =>
    call<BroadcastItem>('POST', `/api/broadcasts/${id}/${action}`, action === 'copy' ? {} : undefined),
};

/** The issues a 422 from publish carries (the engine's list). */
export const issuesOf = (error: unknown): ValidationIssue[] =>
  ((error as ApiError).details as { issues?: ValidationIssue[] } | undefined)?.issues ?? [];

export type FrequencyCap = { limit: number; window: 'day' | 'week' | 'month' };
export type QuietHours = { start: string; end: string; timezone: string };
export type WorkspaceSettings = {
  frequencyCap: FrequencyCap | null;
  quietHours: QuietHours | null;
  updatedBy: string | null;
  updatedAt: string | null;
};
export type MaterialKind = 'image' | 'voice' | 'video' | 'thumb' | 'file';
export interface Material {
  id: string;
  kind: MaterialKind;
  filename: string;
  mime: string;
  size: number;
  platformMediaIds: Record<string, string>;
}
export interface Template {
  templateId: string;
  title: string;
  content: string;
  fields: string[];
}
