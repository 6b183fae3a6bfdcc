// What the broadcast pages say beyond the shared labels: the form's modes, the detail page's cards
// and hints, the list's chat columns. Kept together so they move into a catalogue as one.

type FormMode = 'new' | 'copy' | 'edit';

const formTitles: Record<FormMode, string> = {
  new: 'New broadcast',
  copy: 'Copy of a broadcast',
  edit: 'Edit broadcast',
};
const formSubmits: Record<FormMode, string> = {
  new: 'Create broadcast',
  copy: 'Create broadcast',
  edit: 'Save changes',
};

/** The broadcast form's title, button and a copy's name, by what the form is doing. */
export const broadcastFormWords = (mode: FormMode) => ({
  title: formTitles[mode],
  submit: formSubmits[mode],
  copyName: (name: string) => `${name} (copy)`.slice(0, 200),
});

/** The detail page's stat cards, in order. */
export const detailCardLabels = {
  audience: 'Audience',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
  waiting: 'Waiting for employees',
  employees: 'Employees who sent',
  received: 'Received rate',
  read: 'Read rate',
  reply: 'Reply rate',
} as const;

/** "3 of 5": employees who sent of those asked. */
export const employeesWhoSent = (sent: number, asked: number): string => `${sent} of ${asked}`;

/** The list's chat-platform columns. */
export const chatColumns = { number: '№', total: 'Total chats', completed: 'Completed' } as const;

/** The detail page's recipient filter. */
export const recipientFilters = [
  ['', 'All recipients'],
  ['failed', 'Failed'],
  ['skipped', 'Skipped'],
  ['pending_employee', 'Waiting for the employee'],
  ['delivered', 'Delivered'],
] as const;

const statusFirsts: Record<string, string> = {
  sending: 'Sending first',
  sent: 'Sent first',
  not_processed: 'Not processed first',
};
/** The list's "show first" choices: which statuses lead. */
export const statusFirstLabel = (group: string): string => statusFirsts[group] ?? group;
