export { startHeraldWorker, type HeraldWorker, type HeraldWorkerOptions } from './worker';
export { createActivities } from './create-activities';
export type { ActivityDeps } from './deps';
export {
  audienceBoundaries,
  countAudience,
  countSendable,
  audiencePredicate,
  pageSource,
  type AudienceQuery,
} from './audience/audience-page';
export { reserveForAccount, pruneQuotaUsage } from './quota/reserve-quota';
export { usedUp, bucketLocks, type ContactRule } from './quota/contact-rules';
export { deliver, type DeliverInput } from './send/deliver';
export { loadAccount, identityKindFor } from './accounts';
export { ChannelClients, ChannelError, signWebhook } from './channels/index';
export { frequencyCapsFor, loadWorkspaceSettings } from './quota/frequency-caps';
export { isUuid, uuidList, textList } from './sql-lists';
