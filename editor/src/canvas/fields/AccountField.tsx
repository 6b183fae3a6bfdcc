import type { Bound } from './bind-field';
import { SelectField, type Choice } from './SelectField';
import { Trans } from 'react-i18next';

/**
 * The account a step sends from or listens to, among those it can use (named by the same words it
 * shows); when there is none, a sentence linking to the Channels page to add one.
 */
export function AccountField({
  label,
  choices,
  none,
  ...bound
}: Bound & { label: string; choices: readonly Choice[]; none: 'canvas.follow.none' | 'canvas.send.none' }) {
  return (
    <SelectField label={label} ariaLabel={label} {...bound} choices={choices} choose>
      {choices.length === 0 && (
        <span className="help">
          <Trans i18nKey={none} components={{ link: <a href="#/channels" /> }} />
        </span>
      )}
    </SelectField>
  );
}
