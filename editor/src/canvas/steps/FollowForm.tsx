import { AccountField } from '../../components/AccountField';
import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';
import { namedOptions } from '../../components/Field';

/** Starts the journey when someone follows a WeChat official account (only those have followers). */
export function FollowForm({ data, field, ctx }: StepFormProps) {
  const { t } = useTranslation();
  const offered = ctx.accounts.filter(
    (a) => a.kind.startsWith('wechat') && (!a.disabled || a.id === data.channelAccountId),
  );
  return (
    <AccountField
      label={t('canvas.follow.account')}
      options={namedOptions(offered)}
      none="canvas.follow.none"
      {...field('channelAccountId')}
    />
  );
}
