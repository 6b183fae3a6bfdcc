import { Trans, useTranslation } from 'react-i18next';
import { SelectField, type Bound, type Options } from './Field';

/**
 * The account a step sends from or listens to, among those it can use (named by the same words it
 * shows); when there is none, a sentence linking to the Channels page to add one.
 */
export function AccountField({
  label,
  options,
  none,
  ...bound
}: Bound & { label: string; options: Options<string>; none: 'canvas.follow.none' | 'canvas.send.none' }) {
  const { t } = useTranslation();
  return (
    <SelectField label={label} aria-label={label} {...bound} options={options} blank={t('canvas.choose')}>
      {options.length === 0 && (
        <span className="help">
          <Trans i18nKey={none} components={{ link: <a href="#/channels" /> }} />
        </span>
      )}
    </SelectField>
  );
}
