import type { Client } from '@temporalio/client';
import type { ChannelClients } from '@herald/channels';
import type { HeraldDb } from '@herald/db';
import type { Audience, MethodId } from '@herald/engine';
import type { HealthProbes } from './routes/health.routes';

/** What the app needs from the outside world; herald.ts and tests build it. */
export interface AppDeps {
  db: HeraldDb;
  /** Seals channel credentials at rest. */
  secretKey: Buffer;
  /** Temporal client and task queue; null in route tests that start no workflow. */
  temporal: { client: Client; taskQueue: string } | null;
  probes: HealthProbes;
  /**
   * Sends exports and invitations by email (SMTP); absent: emailing exports answers 503, invitations answer
   * their link.
   */
  mailer?: {
    sendMail(message: {
      to: string[];
      subject: string;
      text: string;
      attachments?: Array<{ filename: string; content: Buffer }>;
    }): Promise<unknown>;
  };
  /** Where this Herald is reached from outside (HERALD_PUBLIC_URL): links in emails start with it. */
  publicUrl?: string;
  /**
   * The dry run of a send (the activities' `previewSend`: the send's own rules), given by the
   * composition root so the API does not reach into the activities; absent: previews answer 503.
   */
  previewSend?: (
    deps: { db: HeraldDb; secretKey: Buffer },
    input: { workspaceId: string; channelAccountId: string; method: MethodId; audience: Audience },
    now: Date,
  ) => Promise<{ audience: number; reachable: number; sendable: number }>;
  /** The channel sandbox this process started (embedded setup): the setup pages offer it as a base URL. */
  sandboxUrl?: string;
  /** The clock (tests shift it). */
  now?: () => Date;
  /** Where background work (the drainer) reports what it cannot do; the process's logger. */
  log?: { warn?(details: object, message: string): void; error?(details: object, message: string): void };
  /**
   * The providers' clients (WeChat materials and templates); herald.ts passes the worker's, so a
   * process keeps one access token per account. Absent: the app makes its own and closes it with itself.
   */
  channels?: ChannelClients;
}
