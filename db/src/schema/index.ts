// Every table of Herald's domain, grouped by aggregate.
export { workspaces, apiKeys, members, sessions, employees } from './workspaces';
export { channelAccounts, materials, channelKinds } from './channels';
export { contacts, contactIdentities, contactInteractions, tags, contactTags, groupChats, identityKinds } from './contacts';
export { journeys, journeyVersions, broadcasts, runs, journeyStatuses, broadcastStatuses } from './journeys';
export { journeyEntries, nodeStats, inboundEvents } from './entries';
export { deliveries, quotaUsage, exports, deliveryStatuses, skipReasons } from './deliveries';
