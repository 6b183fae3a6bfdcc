// The engine's browser-safe entry: model, registry, validation, compiler. No Node, no Temporal.

// Model
export {
  idSchema,
  timeOfDaySchema,
  durationSchema,
  durationMs,
  positionSchema,
  allowedAttachmentExtensions,
  extensionOf,
  isAllowedAttachment,
  type Duration,
} from './model/common.schema';
export {
  attachmentSchema,
  messageSchema,
  messageTypes,
  attachmentOf,
  isEmptyMessage,
  summarizeMessages,
  textLength,
  type Attachment,
  type Message,
  type MessageType,
} from './model/message.schema';
// Personalisation: Liquid templates over the contact record
export { checkTemplate, type TemplateCheck } from './templates/check-template';
export { renderTemplate, renderMessages, templatedTexts, isPersonalised } from './templates/render-template';
export {
  contactFields,
  emptyTemplateContact,
  isKnownVariable,
  templateScope,
  type ContactField,
  type TemplateContact,
} from './templates/template-context';
export { hasLiquid } from './templates/liquid-engine';
export { audienceSchema, isEmptyAudience, type Audience, type AudienceKind } from './model/audience.schema';
export {
  attributeOps,
  conditionCount,
  segmentConditionSchema,
  segmentDefinitionSchema,
  segmentEntryEvents,
  segmentGroupSchema,
  type AttributeOp,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentGroup,
} from './model/segment.schema';
export {
  journeyNodeSchema,
  nodeDataSchemas,
  sendDataSchema,
  sendTypeSchema,
  scheduleDataSchema,
  conditionSchema,
  type JourneyNode,
  type NodeKind,
  type NodeOf,
  type NodeData,
  type SendData,
  type SendType,
  type Condition,
  type PropertyFilter,
} from './model/node.schema';
export {
  triggerKinds,
  realtimeTriggerKinds,
  flowKinds,
  actionKinds,
  nodeKinds,
  waitingKinds,
  isTrigger,
  isRealtimeTrigger,
  isRealtimeTriggerKind,
  isSend,
  isFlow,
  isAction,
  isWaiting,
  isKind,
  journeyModeOf,
  nodeKindLabels,
  type TriggerKind,
  type JourneyMode,
} from './model/node-kinds';
export { outputsOf, isBranching } from './model/outputs';
export {
  edgeSchema,
  journeySettingsSchema,
  journeyGraphSchema,
  emptyGraph,
  attributionDaysOf,
  type JourneyEdge,
  type JourneySettings,
  type JourneyGraph,
  type JourneyGraphInput,
} from './model/journey.schema';
export {
  frequencyCapSchema,
  quietHoursSchema,
  workspaceSettingsSchema,
  inQuietHours,
  type QuietHours,
  type WorkspaceSettings,
} from './model/workspace-settings.schema';
export { matchesFilters } from './model/property-filter';
export { apart } from './model/ranges';
export { matchesTrigger, type TriggerEvent } from './model/trigger-match';
export { isValidTimeZone, minutesOfDayIn, msUntilTimeOfDay, msUntilQuietHoursEnd } from './model/time';
export { instantOf, insideDailyHours, localTimeIn, nextWallTime, type LocalTime } from './model/zoned-time';
export { nextOccurrence, weekdaysOf, type Recurrence } from './model/recurrence';

// Channel capability registry and quota policies
export {
  channelKinds,
  channelKindLabels,
  methodIds,
  skipReasons,
  type ChannelKind,
  type MethodId,
  type SkipReason,
} from './channels/channel-kinds';
export {
  methodRegistry,
  capabilityOf,
  methodsForChannel,
  audienceKindsFor,
  broadcastPageSize,
  callsAreScarce,
  type MethodCapability,
  type TextLimit,
} from './channels/registry';
export {
  resolvePolicies,
  windowStart,
  nextWindowStart,
  frequencyCapPolicy,
  isStopping,
  type QuotaPolicy,
  type StoppingPolicy,
  type PacingPolicy,
  type QuotaOverride,
  type QuotaWindow,
  type FrequencyCap,
} from './channels/quota-policy';
export {
  interactionEventNames,
  afterEventNames,
  afterEventPolicyOf,
  opensInteractionWindow,
  interactionWindowHours,
  interactionWindowHoursOf,
  interactionWindowSince,
  windowMs,
  type InteractionEventName,
} from './channels/interaction-window';
export { platformTimeZones, quotaTimeZone } from './channels/platform-time';
export { materialSendable, methodsTaking, type AttachmentKind } from './channels/material-methods';

// The error table (codes, HTTP statuses, messages, the editor's words)
export {
  errorTable,
  errorEntry,
  errorMessage,
  isErrorCode,
  type ErrorCode,
  type ErrorEntry,
  type ErrorKind,
  type ErrorParams,
} from './errors/error-table';
export { CodedError } from './errors/coded-error';

// Validation (also the editor's connection checks)
export {
  validationCodes,
  issue,
  warning,
  hasErrors,
  type ValidationCode,
  type ValidationIssue,
} from './validation/issue';
export { validateJourney, validateJourneyInput, type ValidateOptions } from './validation/validate-journey';
export { canConnect, type Connection } from './validation/can-connect';
export { findCycles } from './validation/find-cycles';
export { findLoopsWithoutWait } from './validation/find-loops-without-wait';
export { reachableFrom } from './validation/reachable-from';
export { getOutgoers } from './validation/get-outgoers';
export { getOutgoingEdges } from './validation/get-outgoing-edges';
export { getIncomers } from './validation/get-incomers';
export { getTrigger } from './validation/get-trigger';
export { adjacency } from './validation/adjacency';
export { minScheduleLeadMs, maxScheduleAheadMs, maxWaitMs } from './validation/flow.rules';
export { accountRules, accountIssueCodes, type KnownAccount } from './validation/account.rules';
export { segmentRules, segmentIssueCodes, type KnownSegment } from './validation/segment.rules';

// Compiler and plan
export {
  PLAN_SCHEMA_VERSION,
  planSchema,
  planNodeSchema,
  type Plan,
  type PlanNode,
  type PlanTrigger,
} from './plan/plan.schema';
export { compileJourney, type CompileOptions, type CompileResult } from './plan/compile-journey';
export { parsePlan } from './plan/parse-plan';
export {
  ledgerCohortOf,
  cohortStepId,
  cohortWaitOf,
  routeChainBudget,
  routingKinds,
  type LedgerCohort,
} from './plan/ledger-cohort';
export { PlanError, planErrorCodes, type PlanErrorCode } from './plan/plan.error';
export {
  messagesOfVariant,
  variantSchema,
  winnerMetrics,
  winnerSchema,
  type Variant,
  type Winner,
  type WinnerMetric,
} from './model/experiment.schema';
export { chooseWinner, type VariantOutcome, type WinnerChoice } from './stats/choose-winner';
export { compareRates, normalCdf, type RateComparison } from './stats/proportions';
