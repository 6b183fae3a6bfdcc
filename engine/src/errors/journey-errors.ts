import type { ErrorEntry } from './error-entry';

/**
 * What validation says about a journey (the issues of a 422 HERALD_ERR_JOURNEY_INVALID, and the
 * canvas's marks), and what the interpreter says about a stored plan. Each rule writes its own
 * sentence naming the step; these are their shapes.
 */
export const journeyErrors = {
  HERALD_ERR_INVALID_GRAPH: { status: 422, kind: 'user', message: '{where}: {problem}.' },
  HERALD_ERR_DUPLICATE_ID: {
    status: 422,
    kind: 'user',
    message: 'Two items share the id "{id}"; every node and connection needs its own.',
  },
  HERALD_ERR_NO_TRIGGER: {
    status: 422,
    kind: 'user',
    message: 'A journey needs a trigger: add one that says who enters.',
  },
  HERALD_ERR_MULTIPLE_TRIGGERS: {
    status: 422,
    kind: 'user',
    message: 'A journey has exactly one trigger; remove {step} or make it a separate journey.',
  },
  HERALD_ERR_TRIGGER_HAS_INPUT: {
    status: 422,
    kind: 'user',
    message: 'Nothing can lead into the trigger; it is where contacts enter.',
  },
  HERALD_ERR_DANGLING_EDGE: {
    status: 422,
    kind: 'user',
    message: 'A connection points at a step that no longer exists; delete it.',
  },
  HERALD_ERR_UNREACHABLE_NODE: {
    status: 422,
    kind: 'user',
    message: '{step} cannot be reached from the trigger; connect it or delete it.',
  },
  HERALD_ERR_UNCONNECTED_OUTPUT: {
    status: 422,
    kind: 'user',
    message: 'The "{path}" path of {step} leads nowhere; connect it (an exit is fine).',
  },
  HERALD_ERR_OUTPUT_CONNECTED_TWICE: {
    status: 422,
    kind: 'user',
    message: 'An output of {step} leads to two steps; a contact can only take one path. Use a split.',
  },
  HERALD_ERR_CYCLE_WITHOUT_WAIT: {
    status: 422,
    kind: 'user',
    message: 'These steps loop with no wait between them: {steps}. Add a wait to the loop.',
  },
  HERALD_ERR_SELF_CONNECTION: { status: 422, kind: 'user', message: '{step} is connected to itself.' },
  HERALD_ERR_EXIT_HAS_OUTPUT: { status: 422, kind: 'user', message: 'Nothing can follow an exit.' },
  HERALD_ERR_EMPTY_MESSAGE: { status: 422, kind: 'user', message: '{message} is empty; write something to send.' },
  HERALD_ERR_NO_MESSAGES: { status: 422, kind: 'user', message: 'Add a message to send.' },
  HERALD_ERR_TOO_MANY_MESSAGES: { status: 422, kind: 'user', message: '{method} delivers at most {max} messages.' },
  HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: '{message} is {type}, which {method} cannot send.',
  },
  HERALD_ERR_GROUP_NAME_REQUIRED: {
    status: 422,
    kind: 'user',
    message: 'Give the group message a name: employees see it when they confirm the send.',
  },
  HERALD_ERR_ATTACHMENT_TYPE: {
    status: 422,
    kind: 'user',
    message: '{message}\'s attachment "{filename}" is a file type this channel does not take.',
  },
  HERALD_ERR_SEND_TIME_TOO_SOON: {
    status: 422,
    kind: 'user',
    message: 'A timed send must be at least 5 minutes ahead; pick a later time or send immediately.',
    words: 'The send time must be at least 5 minutes ahead.',
  },
  HERALD_ERR_METHOD_NOT_REALTIME: {
    status: 422,
    kind: 'user',
    message: 'A real-time journey cannot send {method}: {alternative}.',
  },
  HERALD_ERR_METHOD_CHANNEL_MISMATCH: {
    status: 422,
    kind: 'user',
    message: '{method} is not offered by this kind of account ({channel}).',
  },
  HERALD_ERR_METHOD_TYPE_UNSUPPORTED: { status: 422, kind: 'user', message: '{method} cannot be sent to {target}.' },
  HERALD_ERR_CS_NEEDS_INTERACTION: {
    status: 422,
    kind: 'user',
    message: 'A customer-service message only reaches fans who interacted in the last {hours} hours.',
  },
  HERALD_ERR_FALLBACK_INVALID: { status: 422, kind: 'user', message: 'The fallback {problem}.' },
  HERALD_ERR_TEMPLATE_INCOMPLETE: { status: 422, kind: 'user', message: 'The template message leaves {fields} empty.' },
  HERALD_ERR_AUDIENCE_REQUIRED: {
    status: 422,
    kind: 'user',
    message: 'Choose who receives it: the audience is empty.',
    words: 'Choose who receives it.',
  },
  HERALD_ERR_AUDIENCE_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: '{method} cannot reach an audience chosen by {kind}; pick {accepted}.',
  },
  HERALD_ERR_AUDIENCE_ONE_TAG: {
    status: 422,
    kind: 'user',
    message: '{method} goes to all fans or to one tag; this audience {problem}.',
  },
  HERALD_ERR_UNKNOWN_FIELD: {
    status: 422,
    kind: 'user',
    message: '{message} uses {fields}, which a contact does not have; use a contact field such as contact.name.',
  },
  HERALD_ERR_PERSONALISATION_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: '{method} sends the same content to everyone, so contact fields are left empty (or take their default).',
  },
  HERALD_ERR_INVALID_DURATION: { status: 422, kind: 'user', message: 'A wait must last longer than zero.' },
  HERALD_ERR_SPLIT_PERCENT: {
    status: 422,
    kind: 'user',
    message: "The random split's branches add up to {total}%; they must add up to 100%.",
  },
  HERALD_ERR_MISSING_SETTING: { status: 422, kind: 'user', message: '{setting} is not set; choose it.' },
  HERALD_ERR_INVALID_TIMEZONE: {
    status: 422,
    kind: 'user',
    message: '"{zone}" is not a time zone Herald knows; pick one like Asia/Shanghai.',
  },
  HERALD_ERR_WAIT_UNTIL_PAST: {
    status: 422,
    kind: 'user',
    message: 'This date has passed, so contacts will not wait here at all; pick a later date.',
  },
  HERALD_ERR_BATCH_STEP_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: 'A journey that starts with an audience or a schedule can only send one message for now.',
  },
  HERALD_ERR_SCHEDULE_RECURRING_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: 'Repeating schedules cannot run yet; choose "once" and a date.',
  },
  HERALD_ERR_SEND_AUDIENCE_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: 'Only the first message of a batch journey can choose its own audience; narrow later ones with a split.',
  },
  HERALD_ERR_VARIANT_SHARES: {
    status: 422,
    kind: 'user',
    message: "A message's variants need their own names and shares that make 100%.",
  },
  HERALD_ERR_VARIANTS_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: 'Variants split contacts one by one; a message to group chats cannot have them.',
  },
  HERALD_ERR_WINNER_UNSUPPORTED: {
    status: 422,
    kind: 'user',
    message: "A winner is chosen only in a broadcast's (or an audience journey's first) message with variants.",
  },
  HERALD_ERR_GROUP_CHATS_ONE_STEP: {
    status: 422,
    kind: 'user',
    message: 'A journey to group chats has one step: group chats are not contacts, so nothing can follow.',
  },
  HERALD_ERR_PLAN_VERSION: {
    status: null,
    kind: 'user',
    message: 'The plan is of schema version {version}, which this worker does not run.',
  },
  HERALD_ERR_PLAN_INVALID: { status: null, kind: 'user', message: 'The stored plan cannot be interpreted: {problem}.' },
  HERALD_ERR_SEND_TIME_TOO_FAR: {
    status: 422,
    kind: 'user',
    message: 'A timed send can be at most a year ahead; pick an earlier time.',
    words: 'The send time can be at most a year ahead.',
  },
  HERALD_ERR_MESSAGE_TOO_LONG: {
    status: 422,
    kind: 'user',
    message: '{message} is {length} {unit} long; {method} takes at most {max} {unit}: shorten it.',
  },
  HERALD_ERR_DURATION_TOO_LONG: {
    status: 422,
    kind: 'user',
    message: '{what} can last at most 365 days; pick a shorter time.',
  },
  HERALD_ERR_ACCOUNT_KIND_MISMATCH: {
    status: 422,
    kind: 'user',
    message: '"{account}" is a {kind} account, which {step} cannot use.',
  },
  HERALD_ERR_ACCOUNT_DISABLED: {
    status: 422,
    kind: 'user',
    message: '{what} uses "{account}", which is disabled; choose another account or enable it on the Channels page.',
  },
} as const satisfies Record<string, ErrorEntry>;
