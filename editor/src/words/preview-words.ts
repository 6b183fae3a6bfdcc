// What the message preview says: whom it shows the message for, and the rendered text's length.

/** The preview's fixed words. */
export const previewWords = {
  find: 'Find a contact…',
  sampleName: 'Li Lei',
  nobody: 'Li Lei, a sample contact',
  empty: '(empty)',
} as const;

/** The rendered text's length against the method's limit, and whether it would be skipped. */
export const previewLengthText = (length: number, max: number, unit: string): string =>
  length > max
    ? `${length.toLocaleString()} of ${max.toLocaleString()} ${unit}: too long for this contact — it would be skipped, not cut.`
    : `${length.toLocaleString()} of ${max.toLocaleString()} ${unit} for this contact.`;

/** The test send's buttons. */
export const testSendWords = {
  toMe: 'Send a test to me',
  toContact: 'Send a test to this contact',
} as const;

/** What became of a test send, in words. */
export const testSendText = (r: { status: string; contact: string; problem: string }): string =>
  r.status === 'sent'
    ? `Test sent to ${r.contact}. It counts in no statistic or quota.`
    : `The test to ${r.contact} was ${r.status === 'skipped' ? 'skipped' : 'not delivered'}: ${r.problem}`;
