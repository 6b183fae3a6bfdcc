import { userError, type ErrorEntry } from './error-entry';

/**
 * What validation says about a journey (the issues of a 422 HERALD_ERR_JOURNEY_INVALID, and the
 * canvas's marks), and what the interpreter says about a stored plan. Each rule writes its own
 * sentence naming the step; these are their shapes.
 */
export const journeyErrors = {
  HERALD_ERR_INVALID_GRAPH: userError(422, '{where}: {problem}.'),
  HERALD_ERR_DUPLICATE_ID: userError(422, 'Two items share the id "{id}"; every node and connection needs its own.'),
  HERALD_ERR_NO_TRIGGER: userError(422, 'A journey needs a trigger: add one that says who enters.'),
  HERALD_ERR_MULTIPLE_TRIGGERS: userError(
    422,
    'A journey has exactly one trigger; remove {step} or make it a separate journey.',
  ),
  HERALD_ERR_TRIGGER_HAS_INPUT: userError(422, 'Nothing can lead into the trigger; it is where contacts enter.'),
  HERALD_ERR_DANGLING_EDGE: userError(422, 'A connection points at a step that no longer exists; delete it.'),
  HERALD_ERR_UNREACHABLE_NODE: userError(422, '{step} cannot be reached from the trigger; connect it or delete it.'),
  HERALD_ERR_UNCONNECTED_OUTPUT: userError(
    422,
    'The "{path}" path of {step} leads nowhere; connect it (an exit is fine).',
  ),
  HERALD_ERR_OUTPUT_CONNECTED_TWICE: userError(
    422,
    'An output of {step} leads to two steps; a contact can only take one path. Use a split.',
  ),
  HERALD_ERR_CYCLE_WITHOUT_WAIT: userError(
    422,
    'These steps loop with no wait between them: {steps}. Add a wait to the loop.',
  ),
  HERALD_ERR_SELF_CONNECTION: userError(422, '{step} is connected to itself.'),
  HERALD_ERR_EXIT_HAS_OUTPUT: userError(422, 'Nothing can follow an exit.'),
  HERALD_ERR_EMPTY_MESSAGE: userError(422, '{message} is empty; write something to send.'),
  HERALD_ERR_NO_MESSAGES: userError(422, 'Add a message to send.'),
  HERALD_ERR_TOO_MANY_MESSAGES: userError(422, '{method} delivers at most {max} messages.'),
  HERALD_ERR_MESSAGE_TYPE_UNSUPPORTED: userError(422, '{message} is {type}, which {method} cannot send.'),
  HERALD_ERR_GROUP_NAME_REQUIRED: userError(
    422,
    'Give the group message a name: employees see it when they confirm the send.',
  ),
  HERALD_ERR_ATTACHMENT_TYPE: userError(
    422,
    '{message}\'s attachment "{filename}" is a file type this channel does not take.',
  ),
  HERALD_ERR_SEND_TIME_TOO_SOON: userError(
    422,
    'A timed send must be at least 5 minutes ahead; pick a later time or send immediately.',
    'The send time must be at least 5 minutes ahead.',
  ),
  HERALD_ERR_METHOD_NOT_REALTIME: userError(422, 'A real-time journey cannot send {method}: {alternative}.'),
  HERALD_ERR_METHOD_CHANNEL_MISMATCH: userError(422, '{method} is not offered by this kind of account ({channel}).'),
  HERALD_ERR_METHOD_TYPE_UNSUPPORTED: userError(422, '{method} cannot be sent to {target}.'),
  HERALD_ERR_CS_NEEDS_INTERACTION: userError(
    422,
    'A customer-service message only reaches fans who interacted in the last {hours} hours.',
  ),
  HERALD_ERR_FALLBACK_INVALID: userError(422, 'The fallback {problem}.'),
  HERALD_ERR_TEMPLATE_INCOMPLETE: userError(422, 'The template message leaves {fields} empty.'),
  HERALD_ERR_AUDIENCE_REQUIRED: userError(
    422,
    'Choose who receives it: the audience is empty.',
    'Choose who receives it.',
  ),
  HERALD_ERR_AUDIENCE_UNSUPPORTED: userError(
    422,
    '{method} cannot reach an audience chosen by {kind}; pick {accepted}.',
  ),
  HERALD_ERR_AUDIENCE_ONE_TAG: userError(422, '{method} goes to all fans or to one tag; this audience {problem}.'),
  HERALD_ERR_UNKNOWN_FIELD: userError(
    422,
    '{message} uses {fields}, which a contact does not have; use a contact field such as contact.name.',
  ),
  HERALD_ERR_PERSONALISATION_UNSUPPORTED: userError(
    422,
    '{method} sends the same content to everyone, so contact fields are left empty (or take their default).',
  ),
  HERALD_ERR_INVALID_DURATION: userError(422, 'A wait must last longer than zero.'),
  HERALD_ERR_SPLIT_PERCENT: userError(422, "The random split's branches add up to {total}%; they must add up to 100%."),
  HERALD_ERR_MISSING_SETTING: userError(422, '{setting} is not set; choose it.'),
  HERALD_ERR_INVALID_TIMEZONE: userError(422, '"{zone}" is not a time zone Herald knows; pick one like Asia/Shanghai.'),
  HERALD_ERR_WAIT_UNTIL_PAST: userError(
    422,
    'This date has passed, so contacts will not wait here at all; pick a later date.',
  ),
  HERALD_ERR_BATCH_STEP_UNSUPPORTED: userError(
    422,
    'A journey that starts with an audience or a schedule can only send one message for now.',
  ),
  HERALD_ERR_SCHEDULE_RECURRING_UNSUPPORTED: userError(
    422,
    'Repeating schedules cannot run yet; choose "once" and a date.',
  ),
  HERALD_ERR_SEND_AUDIENCE_UNSUPPORTED: userError(
    422,
    'Only the first message of a batch journey can choose its own audience; narrow later ones with a split.',
  ),
  HERALD_ERR_VARIANT_SHARES: userError(422, "A message's variants need their own names and shares that make 100%."),
  HERALD_ERR_VARIANTS_UNSUPPORTED: userError(
    422,
    'Variants split contacts one by one; a message to group chats cannot have them.',
  ),
  HERALD_ERR_WINNER_UNSUPPORTED: userError(
    422,
    "A winner is chosen only in a broadcast's (or an audience journey's first) message with variants.",
  ),
  HERALD_ERR_GROUP_CHATS_ONE_STEP: userError(
    422,
    'A journey to group chats has one step: group chats are not contacts, so nothing can follow.',
  ),
  HERALD_ERR_PLAN_VERSION: userError(null, 'The plan is of schema version {version}, which this worker does not run.'),
  HERALD_ERR_PLAN_INVALID: userError(null, 'The stored plan cannot be interpreted: {problem}.'),
  HERALD_ERR_SEND_TIME_TOO_FAR: userError(
    422,
    'A timed send can be at most a year ahead; pick an earlier time.',
    'The send time can be at most a year ahead.',
  ),
  HERALD_ERR_MESSAGE_TOO_LONG: userError(
    422,
    '{message} is {length} {unit} long; {method} takes at most {max} {unit}: shorten it.',
  ),
  HERALD_ERR_DURATION_TOO_LONG: userError(422, '{what} can last at most 365 days; pick a shorter time.'),
  HERALD_ERR_ACCOUNT_KIND_MISMATCH: userError(422, '"{account}" is a {kind} account, which {step} cannot use.'),
  HERALD_ERR_ACCOUNT_DISABLED: userError(
    422,
    '{what} uses "{account}", which is disabled; choose another account or enable it on the Channels page.',
  ),
} as const satisfies Record<string, ErrorEntry>;
