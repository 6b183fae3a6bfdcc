// The API's contracts: request and response schemas of every route the editor calls, browser-safe
// (zod, the engine's model entry and the database's value sets only). The routes register these
// schemas; the editor's client types its calls from them.
export { route, type HttpMethod, type RouteContract, type RouteInput, type RouteOutput } from './route.contract';
export {
  errorBody,
  errors,
  idParams,
  sortDirection,
  noContent,
  type ErrorBody,
  type SortDirection,
} from './common.contract';
export { authRoutes, me, memberLocale } from './auth.contract';
export {
  journeyRoutes,
  journeyBody,
  publishedJourney,
  heldForApproval,
  journeyListItem,
  journeyVersionItem,
  nodeCounts,
  issueSchema,
  type JourneyRecord,
  type JourneyReport,
  type JourneyListItem,
  type JourneyVersion,
  type NodeCounts,
} from './journeys.contract';
export {
  broadcastRoutes,
  broadcastItem,
  broadcastInput,
  broadcastEdit,
  broadcastListQuery,
  broadcastSortColumns,
  statusGroups,
  broadcastStats,
  broadcastDetail,
  recipientItem,
  employeeStatsItem,
  type BroadcastItem,
  type BroadcastInput,
  type BroadcastEdit,
  type BroadcastListQuery,
  type BroadcastSortColumn,
  type BroadcastDetail,
  type Recipient,
  type EmployeeStatsRow,
} from './broadcasts.contract';
export {
  contactRoutes,
  contactInput,
  identityInput,
  contactBody,
  contactListItem,
  contactListQuery,
  contactSortColumns,
  importResult,
  maxImportRows,
  type ContactInput,
  type ContactRecord,
  type ContactListItem,
  type ContactListQuery,
  type ContactSortColumn,
  type ImportResult,
} from './contacts.contract';
export {
  timelineRoutes,
  timelineItem,
  timelineEvent,
  timelineMessage,
  timelineCursor,
  type TimelineItem,
} from './timeline.contract';
export {
  accountRoutes,
  accountBody,
  accountInput,
  accountEdit,
  quotaOverride,
  connectionTestInput,
  connectionTestResult,
  type Account,
  type AccountInput,
  type AccountEdit,
  type ConnectionTestInput,
  type ConnectionTestResult,
} from './channel-accounts.contract';
export {
  directoryRoutes,
  tagBody,
  employeeBody,
  employeeInput,
  groupChatBody,
  syncResult,
  maxEmployeeImport,
  type Tag,
  type Employee,
  type EmployeeInput,
  type GroupChat,
  type SyncResult,
} from './directory.contract';
export {
  workspaceRoutes,
  workspaceSettings,
  gettingStarted,
  type WorkspaceSettings,
  type FrequencyCap,
  type QuietHours,
  type GettingStarted,
} from './workspace.contract';
export {
  materialRoutes,
  materialBody,
  uploadQuery,
  materialListQuery,
  type Material,
  type MaterialKind,
} from './materials.contract';
export { segmentRoutes, segmentBody, type SegmentRecord } from './segments.contract';
export { testSendRoutes, testSendResult, type TestSendResult } from './test-sends.contract';
export {
  permissions,
  permissionRole,
  rolesByRank,
  roleAtLeast,
  allows,
  roleWords,
  type Permission,
  type Role,
} from './permissions.contract';
export {
  teamRoutes,
  memberItem,
  invitationItem,
  apiKeyItem,
  invitationPreview,
  newPassword,
  type MemberItem,
  type InvitationItem,
  type ApiKeyItem,
} from './team.contract';
export {
  governanceRoutes,
  workspaceItem,
  instanceWorkspaceItem,
  workspacePolicies,
  approvalItem,
  type WorkspacePolicies,
  type ApprovalItem,
} from './governance.contract';
export { auditRoutes, auditItem, auditQuery, type AuditItem, type AuditQuery } from './audit.contract';
export {
  experimentRoutes,
  variantReport,
  variantFigures,
  experimentDecision,
  type VariantReport,
  type VariantFigures,
  type ExperimentDecision,
} from './experiments.contract';
