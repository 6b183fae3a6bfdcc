// The query layer: every SQL statement of Herald lives under db/src/queries/, one file per
// aggregate (deliveries, audience, quotas, events, journeys, journey-states, accounts, contacts,
// broadcast read models…). Each exported function takes the database (or a transaction) and
// named parameters and returns typed rows; routes, services and activities call these functions
// and never `execute(sql…)` themselves. Status sets, windows and counters are named once here.
// Every export of a file below is public, except where a list names what is.

// Deliveries and their batches: the send ledger, its pages, outcomes, counters and employees' tasks.
export * from './delivery-statuses';
export * from './delivery-pages';
export * from './page-rows';
export * from './delivery-batches';
export * from './batch-holders';
export * from './slice-settlements';
export * from './delivery-outcomes';
export * from './delivery-tasks';
export * from './employee-actions';
export * from './early-callbacks';
export * from './job-results';
export * from './kept-callbacks';
export * from './counters';
export * from './receipts';
export * from './test-sends';
export * from './templates-in-use';

// Audience and the rules a send checks per contact: quotas, caps, windows, conditions, segments.
export * from './audience';
export * from './page-ranges';
export * from './contact-rules';
export * from './quotas';
export * from './member-rates';
export * from './interaction-window';
export * from './conditions';
export * from './segments';
export * from './segment-sql';
export * from './template-contacts';

// Journeys: their versions, runs, steps, entries, events, experiments and conversions.
export * from './journeys';
export * from './journey-conditions';
export * from './journey-arrival';
export * from './journey-steps';
export * from './journey-quiet';
export * from './journey-runs';
export * from './journey-entries';
export * from './run-sleep';
export * from './journey-migrate';
export { heldOut } from './journey-holdout';
export * from './journey-report';
export * from './experiments';
export * from './conversions';
export * from './events';
export * from './identity-events';

// Contacts, their identities and owners, and the WeCom directory (employees, tags, group chats).
export * from './contacts';
export * from './contacts-list';
export * from './contact-details';
export * from './contact-identities';
export * from './contact-merge';
export * from './contact-owners';
export * from './timeline';
export * from './directory';
export * from './directory-records';

// Workspaces and what belongs to them: accounts, materials, members, keys, invitations, approvals, audit.
export * from './workspaces';
export * from './workspace-settings';
export * from './accounts';
export * from './materials';
export * from './auth';
export * from './members';
export * from './api-keys';
export * from './invitations';
export * from './approvals';
export * from './audit';

// Broadcasts and their read models: lists, reports, exports and the metrics endpoint.
export * from './broadcasts';
export {
  listBroadcasts,
  containsPattern,
  type BroadcastListParams,
  type BroadcastListRow,
  type BroadcastListSort,
} from './broadcast-list';
export * from './broadcast-report';
export * from './exports';
export * from './metrics';

// Databases themselves (create, drop, probe).
export * from './databases';
export * from './journey-cohorts';
