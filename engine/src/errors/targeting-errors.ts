import type { ErrorEntry } from './error-entry';

/**
 * Personalisation (Liquid templates), segments and test sends: what publishing says of a template or
 * a segment a journey names, what a send records for a contact its template does not fit, and what
 * the segment and test-send routes answer.
 */
export const targetingErrors = {
  HERALD_ERR_TEMPLATE_INVALID: {
    status: 422,
    kind: 'user',
    message: '{message} has a personalisation mistake: {problem}.',
    words: 'A personalised text has a mistake.',
  },
  HERALD_ERR_TEMPLATE_RENDER: {
    status: 422,
    kind: 'user',
    message: 'The message could not be personalised for this contact: {problem}.',
    words: 'The message could not be personalised for this contact.',
  },
  HERALD_ERR_SEGMENT_NOT_FOUND: {
    status: 404,
    kind: 'user',
    message: '{what} uses a segment this workspace does not have (it may have been deleted); choose another.',
    words: 'That segment no longer exists.',
  },
  HERALD_ERR_SEGMENT_TRIGGER_NO_EVENT: {
    status: 422,
    kind: 'user',
    message: '{what} starts from a segment with no "did an event" condition: no arriving event could bring anyone in.',
    words: 'This segment cannot start a journey: it has no "did an event" condition.',
  },
  HERALD_ERR_SEGMENT_IN_USE: {
    status: 409,
    kind: 'user',
    message: 'This segment is used by {names}; choose another segment there (or archive them) before deleting it.',
    words: 'This segment is in use and cannot be deleted.',
  },
  HERALD_ERR_SEGMENT_NAME_TAKEN: {
    status: 409,
    kind: 'user',
    message: 'A segment named "{name}" already exists; choose another name.',
    words: 'A segment with this name already exists.',
  },
  HERALD_ERR_SEGMENT_EMPTY: {
    status: 422,
    kind: 'user',
    message: 'A segment needs at least one condition.',
    words: 'Add at least one condition.',
  },
  HERALD_ERR_TEST_CONTACT_NOT_FOUND: {
    status: 404,
    kind: 'user',
    message:
      'No contact carries your email {email}: add yourself as a contact (with your address on the channel) or pick a test contact.',
    words: 'No contact carries your email yet.',
  },
  HERALD_ERR_TEST_NO_ADDRESS: {
    status: 422,
    kind: 'user',
    message: '{contact} has no address on {account}; pick a contact who does.',
    words: 'This contact cannot be reached on the account.',
  },
} as const satisfies Record<string, ErrorEntry>;
