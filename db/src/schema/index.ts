// Every table of Herald's domain, grouped by aggregate, and the closed value sets their CHECKs use.
export { workspaces, users, apiKeys, members, sessions, employees, memberRoles, keyRoles } from './workspaces';
export { invitations, approvalRequests, auditEvents, approvalKinds, approvalStatuses, actorKinds } from './access';
export { channelAccounts, materials, materialContents, channelKinds, materialKinds } from './channels';
export {
  contacts,
  contactIdentities,
  contactInteractions,
  contactOwners,
  tags,
  contactTags,
  groupChats,
  identityKinds,
} from './contacts';
export {
  journeys,
  journeyVersions,
  broadcasts,
  runs,
  journeyStatuses,
  journeyKinds,
  broadcastStatuses,
  broadcastTypes,
  sendTypes,
  runKinds,
  runStatuses,
} from './journeys';
export { journeyEntries, nodeStats, inboundEvents, entryStatuses } from './entries';
export { experimentDecisions, type VariantFigure } from './experiments';
export { conversions, journeyCohorts, journeyStates, journeyStateStatuses, journeyVisitSeq } from './journey-states';
export {
  deliveries,
  deliveryBatches,
  deliveryTasks,
  earlyCallbacks,
  earlyCallbackSources,
  earlyCallbackActions,
  taskStatuses,
  batchStatuses,
  quotaUsage,
  exports,
  deliveryStatuses,
  skipReasons,
  exportFormats,
  exportStatuses,
} from './deliveries';
export { segments, testSends, testSendStatuses } from './segments';
