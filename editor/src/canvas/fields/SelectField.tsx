import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One entry of a select: the value written, the words shown, and whether it can be chosen now. */
export interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

/**
 * A labelled select of the inspector: the words above, the choices (after an empty "Choose…" when
 * nothing need be chosen yet) and, after the select, any help the caller gives.
 */
export function SelectField({
  label,
  ariaLabel,
  value,
  onChange,
  choices,
  choose = false,
  children,
}: {
  label: string;
  ariaLabel?: string;
  value: string;
  onChange(value: string): void;
  choices: readonly Choice[];
  choose?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
        {choose && <option value="">{t('canvas.choose')}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value} disabled={c.disabled}>
            {c.label}
          </option>
        ))}
      </select>
      {children}
    </label>
  );
}

/** The choices of a list of named things (tags, accounts): each by its id, shown by its name. */
export const namedChoices = (items: readonly { id: string; name: string }[]): Choice[] =>
  items.map((item) => ({ value: item.id, label: item.name }));
