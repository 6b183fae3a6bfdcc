import { z } from 'zod';
import { frequencyCapSchema, quietHoursSchema, workspaceSettingsSchema } from '@herald/engine';
import { get, post, put } from './route.contract';

export const workspaceSettings = z.object({
  frequencyCap: frequencyCapSchema.nullable(),
  quietHours: z.object({ start: z.string(), end: z.string(), timezone: z.string() }).nullable(),
  /** The workspace's zone: local-time sends and waits use it for contacts without one (null: UTC). */
  timezone: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettings>;
export type FrequencyCap = z.infer<typeof frequencyCapSchema>;
export type QuietHours = NonNullable<WorkspaceSettings['quietHours']>;

/** How far a new workspace has come: what the getting-started checklist ticks off. */
export const gettingStarted = z.object({
  /** An account is connected (and not disabled). */
  channelConnected: z.boolean(),
  contactsImported: z.boolean(),
  /** A journey or a broadcast exists (a broadcast is a journey too). */
  somethingDrawn: z.boolean(),
  /** The channel sandbox this Herald started (the embedded setup), for pointing accounts at it. */
  sandboxUrl: z.string().nullable(),
});
export type GettingStarted = z.infer<typeof gettingStarted>;

export const workspaceRoutes = {
  settings: get('/api/workspace/settings', workspaceSettings),
  saveSettings: put('/api/workspace/settings', workspaceSettings, {
    body: z
      .object({
        frequencyCap: frequencyCapSchema.nullable().optional(),
        quietHours: quietHoursSchema.nullable().optional(),
        timezone: workspaceSettingsSchema.shape.timezone.optional(),
      })
      .strict(),
  }),
  /** A new secret for signing form submissions (the old one stops working); shown this once. */
  rotateFormsSecret: post(
    '/api/workspace/forms-secret',
    z.object({
      secret: z.string(),
      /** The forms webhook of this workspace; the form's id follows it. */
      path: z.string(),
    }),
    {
      description:
        'Makes a new secret for the forms webhook (HMAC of each submission); the previous one stops working. The ' +
        'secret is shown only in this answer.',
    },
  ),
  gettingStarted: get('/api/workspace/getting-started', gettingStarted, {
    description: 'What the getting-started checklist ticks off, and the embedded channel sandbox when there is one.',
  }),
};
