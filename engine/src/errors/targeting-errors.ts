import { joined, userError, type ErrorEntry } from './error-entry';

/**
 * Personalisation (Liquid templates), segments and test sends: what publishing says of a template or
 * a segment a journey names, what a send records for a contact its template does not fit, and what
 * the segment and test-send routes answer.
 */
export const targetingErrors = {
  HERALD_ERR_TEMPLATE_INVALID: userError(
    422,
    '{message} has a personalisation mistake: {problem}.',
    'A personalised text has a mistake.',
  ),
  HERALD_ERR_TEMPLATE_RENDER: userError(
    422,
    'The message could not be personalised for this contact: {problem}.',
    'The message could not be personalised for this contact.',
  ),
  HERALD_ERR_SEGMENT_NOT_FOUND: userError(
    404,
    '{what} uses a segment this workspace does not have (it may have been deleted); choose another.',
    'That segment no longer exists.',
  ),
  HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT: userError(
    422,
    '{what} starts from a segment with no "did an event" condition: no arriving event could bring anyone in.',
    'This segment cannot start a journey: it has no "did an event" condition.',
  ),
  HERALD_ERR_SEGMENT_IN_USE: userError(
    409,
    'This segment is used by {names}; choose another segment there (or archive them) before deleting it.',
    'This segment is in use and cannot be deleted.',
  ),
  HERALD_ERR_SEGMENT_NAME_TAKEN: userError(
    409,
    'A segment named "{name}" already exists; choose another name.',
    'A segment with this name already exists.',
  ),
  HERALD_ERR_SEGMENT_EMPTY: userError(422, 'A segment needs at least one condition.', 'Add at least one condition.'),
  HERALD_ERR_TEST_CONTACT_NOT_FOUND: userError(
    404,
    joined(
      'No contact carries your email {email}: add yourself as a contact (with your address on the channel) ',
      'or pick a test contact.',
    ),
    'No contact carries your email yet.',
  ),
  HERALD_ERR_TEST_NO_ADDRESS: userError(
    422,
    '{contact} has no address on {account}; pick a contact who does.',
    'This contact cannot be reached on the account.',
  ),
} as const satisfies Record<string, ErrorEntry>;
