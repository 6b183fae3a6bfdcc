// What the contacts page says about owning employees. Kept together so it moves into a catalogue as one.

/** The bulk owner change's choices: add an owner, make them the only one, or remove them. */
export const ownerModes = [
  ['add', 'Add owner'],
  ['replace', 'Make the only owner'],
  ['remove', 'Remove owner'],
] as const;

/** What a bulk owner change did, in words. */
export function ownersAssigned(mode: string, employee: string, selected: number, changed: number): string {
  const contacts = `${selected} contact${selected === 1 ? '' : 's'}`;
  if (mode === 'remove') return `Removed ${employee} as owner of ${contacts} (${changed} changed).`;
  if (mode === 'replace') return `${employee} is now the only owner of ${contacts}.`;
  return `${employee} now owns ${contacts} (${changed} newly).`;
}

/** The contacts list's owners column. */
export const ownersColumn = 'Owners';

/** The timeline's timed send into the conversation. */
export const timedSendWords = {
  open: 'Timed send',
  at: 'Send at',
  submit: 'Schedule message',
  noAccount: 'Connect a channel account first (Channels page).',
} as const;

/** What a sync of the employees' customers from WeCom did, in words. */
export const customersSynced = (customers: number, created: number, owners: number): string =>
  `Customers synced: ${customers} read, ${created} new contacts, ${owners} owner links.`;
