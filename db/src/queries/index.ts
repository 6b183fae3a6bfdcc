// The query layer: every SQL statement of Herald lives under db/src/queries/, one file per
// aggregate (deliveries, audience, quotas, events, journeys, journey-states, accounts, contacts,
// broadcast read models…). Each exported function takes the database (or a transaction) and
// named parameters and returns typed rows; routes, services and activities call these functions
// and never `execute(sql…)` themselves. Status sets, windows and counters are named once here.
export {
  audienceBoundaries,
  audiencePredicate,
  countAudience,
  countSendable,
  pageSource,
  type AudienceQuery,
} from './audience';
export { bucketLocks, inQuietHoursSql, knownTimeZones, usedUp, type ContactRule } from './contact-rules';
export { bumpCounters, counterCtes, recordVisit, recountRun, type CounterIds, type Transitions } from './counters';
export { lockPage, pageRows, recordPage, type PageRow, type PageSpec, type RecordedPage } from './delivery-pages';
export {
  closeBatch,
  deleteBatches,
  lockBatch,
  recordOwnMessageIds,
  settleSharedBatch,
  skipBeyondQuota,
} from './delivery-batches';
export { contactDeliveryOutcome, transition, type Outcome } from './delivery-outcomes';
export { templatesInUse } from './templates-in-use';
export {
  unknownEmployeeUserIds,
  employeesAmong,
  employeeUserIds,
  contactsAmong,
  ownersOfContact,
  addOwnersByExternalId,
  assignOwners,
  syncCustomers,
  type ContactOwner,
  type WecomCustomerRecord,
} from './contact-owners';
export {
  recordTasks,
  tasksCte,
  openGroupTasks,
  setGroupTaskCounts,
  waitingGroupRows,
  settleGroupRows,
  groupTargetsWaiting,
  claimReminders,
  expireAgentTasks,
  type NewTask,
  type TaskBatch,
  type OpenGroupTask,
  type GroupOutcome,
  type WaitingAgentTask,
} from './delivery-tasks';
export { applyEmployeeActions, type EmployeeAction } from './employee-actions';
export { pruneQuotaUsage, reserveForAccount } from './quotas';
export { evaluateCondition } from './conditions';
export { interactedWithin } from './interaction-window';
export { loadWorkspaceSettings } from './workspace-settings';
export { templateContacts } from './template-contacts';
export {
  countSegment,
  createSegment,
  deleteSegment,
  enteringSegment,
  existingSegments,
  journeysUsingSegment,
  listSegments,
  segmentOf,
  segmentsById,
  updateSegment,
  withSegmentRule,
  type SegmentArrival,
  type SegmentRow,
} from './segments';
export { segmentSql, type SegmentScope } from './segment-sql';
export { memberContactId, recordTestSend, testRecipient, type TestRecipient, type TestSendRecord } from './test-sends';
export {
  entryBacklog,
  recentSkipsByReason,
  runsByStatus,
  sendTotalsByMethod,
  type EntryBacklog,
  type SendTotals,
  type SkipCount,
} from './metrics';
export { databaseUrl, dropDatabase, ensureDatabase, hasTable, serverVersion } from './databases';
export { filterSql, conditionSql } from './journey-conditions';
export { arrival, type Arrival } from './journey-arrival';
export {
  byZone,
  deferQuietContacts,
  dueZones,
  moveSentPage,
  moveStepPage,
  routeOf,
  type Route,
  type StepPage,
  type StepResult,
} from './journey-steps';
export {
  enterAfterSend,
  enterAudiencePage,
  enterHeldOut,
  scanRun,
  stepBoundaries,
  type Landing,
  type RunScan,
} from './journey-runs';
export {
  enterQueued,
  legacyEntered,
  liveRuns,
  versionPlans,
  lockJourney,
  markEventArrivals,
  markEventsProcessed,
  markGoals,
  recordEntries,
  takePendingEvents,
  runsWithStaleEntries,
  type Arrived,
  type EntryCandidate,
  type LiveRun,
  type PendingEvent,
} from './journey-entries';
export { migrateWaiting, waitingInEarlierRuns, type WaitSteps, type WaitingStep } from './journey-migrate';
export {
  sentStatuses,
  deliveredStatuses,
  readStatuses,
  pendingStatuses,
  unsentStatuses,
  statusIn,
  countIn,
  type DeliveryStatus,
} from './delivery-statuses';
export {
  runStatusCounts,
  broadcastStats,
  runRecipients,
  runEmployeeTallies,
  runEmployeesWhoSent,
  runExportRows,
  exportColumns,
  type StatusCount,
  type BroadcastStats,
  type RecipientRow,
  type EmployeeTally,
  type ExportRow,
} from './broadcast-report';
export { insertExport, setExportStatus, type NewExport } from './exports';
export {
  channelAccountById,
  channelAccountOf,
  listChannelAccounts,
  insertChannelAccount,
  updateChannelAccount,
  accountsById,
  employeeConfirmTimes,
  type ChannelAccountRow,
  type NewChannelAccount,
} from './accounts';
export { applyReceipts, sentRowsOfMessage, markDelivered, failSent, type Receipt } from './receipts';
export {
  contactTimeline,
  type TimelineItem,
  type TimelineEvent,
  type TimelineMessage,
  type TimelineCursor,
} from './timeline';
export {
  materialOf,
  listMaterials,
  insertMaterial,
  setPlatformMediaIds,
  deleteMaterialRow,
  journeysUsingMaterial,
  materialsAmong,
  materialsOnAccount,
  materialBytes,
  keepTemporaryMedia,
  type MaterialKind,
  type MaterialRow,
  type NewMaterialRow,
  type MaterialOnAccount,
} from './materials';
export {
  contactOf,
  contactExists,
  contactIdByIdentity,
  ensureContact,
  addIdentity,
  upsertContacts,
  type IdentityRef,
  type ContactUpsert,
} from './contacts';
export { storeEventsByExternalId, storeEvent, recordInteraction, type ExternalEvent } from './events';
export {
  broadcastOf,
  conversationBroadcasts,
  currentRunOf,
  insertBroadcast,
  deleteJourney,
  setBroadcastStatus,
  publishedGraphOf,
  draftGraphOf,
  updateBroadcastContent,
  cancelPendingRun,
  type BroadcastRecord,
  type BroadcastStatus,
  type NewBroadcast,
} from './broadcasts';
export {
  activeApiKey,
  touchApiKey,
  apiKeyRevocationMark,
  sessionMember,
  userByEmail,
  membershipsOf,
  createSession,
  deleteSession,
  type MemberRole,
  type KeyRole,
  type SessionMember,
} from './auth';
export {
  workspaceById,
  workspaceBySlug,
  hasUsers,
  createWorkspace,
  insertWorkspace,
  listAllWorkspaces,
  liveRunCount,
  deleteWorkspace,
  workspaceSettingsOf,
  mergeWorkspaceSettings,
  type WorkspaceRow,
  type NewWorkspace,
} from './workspaces';
export {
  listMembers,
  memberOf,
  memberOfUser,
  userOf,
  setMemberRole,
  removeMember,
  addMember,
  transferOwnership,
  insertUser,
  type MemberRow,
} from './members';
export { listApiKeys, apiKeyOf, insertApiKey, renameApiKey, revokeApiKey, type ApiKeyRecord } from './api-keys';
export {
  openInvitations,
  insertInvitation,
  invitationByPrefix,
  claimInvitation,
  revokeInvitation,
  deleteInvitation,
  type InvitationRow,
} from './invitations';
export {
  listApprovals,
  approvalOf,
  pendingApprovalFor,
  insertApproval,
  decideApproval,
  reopenApproval,
  draftGraphHash,
  type ApprovalRecord,
  type ApprovalStatus,
} from './approvals';
export {
  insertAuditEvent,
  listAuditEvents,
  auditSnapshot,
  canSnapshot,
  pruneAuditEvents,
  type AuditRow,
  type AuditFilter,
  type SnapshotResource,
} from './audit';
export {
  journeyOf,
  listJourneys,
  insertJourney,
  saveJourneyDraft,
  renameJourney,
  setJourneyStatus,
  journeyVersionsOf,
  nodeStatsOf,
  type JourneyRow,
  type JourneyStatus,
  type JourneyVersionRow,
} from './journeys';
export {
  listBroadcasts,
  containsPattern,
  type BroadcastListParams,
  type BroadcastListRow,
  type BroadcastListSort,
} from './broadcast-list';
export { listContacts, type ContactListParams, type ContactListRow, type ContactListSort } from './contacts-list';
export { findContactByIdentity, ensureDialogContacts, type IdentityLookup } from './contact-identities';
export { mergeContacts, type MergeContacts } from './contact-merge';
export { upsertEmployees, upsertGroupChats, workspaceProgress, type UpsertCount } from './directory';
export { storeEventsByIdentity, type IdentityEvent } from './identity-events';
export { heldOut } from './journey-holdout';
export { goalEventTypes, recordConversions, type GoalEvent } from './conversions';
export { journeyReport, type JourneyReportRow } from './journey-report';
export {
  decisionsOf,
  journeyVariants,
  inTestShare,
  recordDecision,
  variantBucket,
  variantIds,
  variantIndexOf,
  variantOf,
  variantStats,
  type ExperimentDecisionRow,
  type VariantChoice,
  type VariantStatsRow,
} from './experiments';
