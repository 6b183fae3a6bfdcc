import { fieldsOf } from '../fields/bind-field';
import { SelectField, namedChoices } from '../fields/SelectField';
import type { StepFormProps } from './types';
import { Trans, useTranslation } from 'react-i18next';

/** Starts the journey when someone follows a WeChat official account (only those have followers). */
export function FollowForm({ data, set, ctx }: StepFormProps) {
  const { t } = useTranslation();
  const offered = ctx.accounts.filter(
    (a) => a.kind.startsWith('wechat') && (!a.disabled || a.id === data.channelAccountId),
  );
  return (
    <SelectField
      label={t('canvas.follow.account')}
      ariaLabel={t('canvas.follow.account')}
      {...fieldsOf(data, set)('channelAccountId')}
      choices={namedChoices(offered)}
      choose
    >
      {offered.length === 0 && (
        <span className="help">
          <Trans i18nKey="canvas.follow.none" components={{ link: <a href="#/channels" /> }} />
        </span>
      )}
    </SelectField>
  );
}
