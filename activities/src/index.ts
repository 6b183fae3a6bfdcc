export { startHeraldWorker, type HeraldWorker, type HeraldWorkerOptions } from './worker';
export { createActivities } from './create-activities';
export type { ActivityDeps } from './deps';
export { audiencePage, audienceBoundaries, countAudience, countSendable, audiencePredicate, type AudienceRow, type AudienceQuery } from './audience/audience-page';
export { reservePerRecipient, reserveForAccount, pruneQuotaUsage } from './quota/reserve-quota';
export { deliver, type DeliverInput } from './send/deliver';
export { loadAccount, identityKindFor } from './accounts';
export { ChannelClients, ChannelError, signWebhook } from './channels/index';
export { frequencyCapsFor, loadWorkspaceSettings } from './quota/frequency-caps';
