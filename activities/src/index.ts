export { startHeraldWorker, type HeraldWorker, type HeraldWorkerOptions } from './worker';
export { createActivities } from './create-activities';
export type { ActivityDeps } from './deps';
export {
  audienceBoundaries,
  countAudience,
  countSendable,
  audiencePredicate,
  pageSource,
  reserveForAccount,
  pruneQuotaUsage,
  usedUp,
  bucketLocks,
  loadWorkspaceSettings,
  isUuid,
  uuidList,
  textList,
  type AudienceQuery,
  type ContactRule,
} from '@herald/db';
export { deliver, type DeliverInput } from './send/deliver';
export { dueLanes } from './engine/step-lanes';
export { heartbeat, heartbeating } from './send/heartbeating';
export { frequencyCapsFor } from './quota/frequency-caps';
export { activityMetrics, sendOutcomesOf } from './metrics/activity-metrics.interceptor';
export { startOpsServer, type OpsServer } from './metrics/ops-server';
export { previewSend, type SendPreview, type SendPreviewInput } from './preview-send';
