// What the broadcast form and detail page still say in English only: the form's modes and the recipient
// filter. Kept together so they move into the catalogue as one.

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

/** The detail page's recipient filter. */
export const recipientFilters = [
  ['', 'All recipients'],
  ['failed', 'Failed'],
  ['skipped', 'Skipped'],
  ['pending_employee', 'Waiting for the employee'],
  ['delivered', 'Delivered'],
] as const;
