import type { StepFormProps } from './types';
import { Trans, useTranslation } from 'react-i18next';

/** Starts the journey when someone follows a WeChat official account (only those have followers). */
export function FollowForm({ data, set, ctx }: StepFormProps) {
  const { t } = useTranslation();
  const offered = ctx.accounts.filter(
    (a) => a.kind.startsWith('wechat') && (!a.disabled || a.id === data.channelAccountId),
  );
  return (
    <label>
      {t('canvas.follow.account')}
      <select
        aria-label={t('canvas.follow.account')}
        value={String(data.channelAccountId)}
        onChange={(e) => set({ channelAccountId: e.target.value })}
      >
        <option value="">{t('canvas.choose')}</option>
        {offered.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {offered.length === 0 && (
        <span className="help">
          <Trans i18nKey="canvas.follow.none" components={{ link: <a href="#/channels" /> }} />
        </span>
      )}
    </label>
  );
}
