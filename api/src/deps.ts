import type { Client } from '@temporalio/client';
import type { HeraldDb } from '@herald/db';
import type { HealthProbes } from './routes/health.routes';

/** What the app needs from the outside world; herald.ts and tests build it. */
export interface AppDeps {
  db: HeraldDb;
  /** Seals channel credentials at rest. */
  secretKey: Buffer;
  /** Temporal client and task queue; null in route tests that start no workflow. */
  temporal: { client: Client; taskQueue: string } | null;
  probes: HealthProbes;
  /** Token the WeChat callback signature is computed with, per account (from its settings). */
  now?: () => Date;
}
