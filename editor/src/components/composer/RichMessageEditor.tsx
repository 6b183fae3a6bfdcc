import type { Message } from '@herald/engine';
import { useTranslation } from 'react-i18next';

type Rich = Extract<Message, { type: 'video' | 'news' | 'miniprogram' }>;

/** The fields of a video's title, a link card or a mini program card. */
export function RichMessageEditor({ m, i, onChange }: { m: Rich; i: number; onChange(m: Message): void }) {
  const { t } = useTranslation();
  const set = (_i: number, next: Message) => onChange(next);
  return (
    <>
      {m.type === 'video' && (
        <label>
          {t('composer.rich.title')}
          <input
            aria-label={t('composer.rich.videoTitle', { n: i + 1 })}
            value={m.title ?? ''}
            maxLength={128}
            onChange={(e) => set(i, { ...m, title: e.target.value })}
          />
        </label>
      )}
      {m.type === 'news' && (
        <>
          <label>
            {t('composer.rich.title')}
            <input
              aria-label={t('composer.rich.cardTitle', { n: i + 1 })}
              value={m.title}
              maxLength={128}
              onChange={(e) => set(i, { ...m, title: e.target.value })}
            />
          </label>
          <label>
            {t('composer.rich.description')}
            <input
              value={m.description ?? ''}
              maxLength={512}
              onChange={(e) => set(i, { ...m, description: e.target.value })}
            />
          </label>
          <label>
            {t('composer.rich.link')}
            <input
              aria-label={t('composer.rich.cardLink', { n: i + 1 })}
              value={m.url}
              maxLength={2048}
              onChange={(e) => set(i, { ...m, url: e.target.value })}
              placeholder="https://…"
            />
          </label>
          <label>
            {t('composer.rich.picture')}
            <input value={m.picUrl ?? ''} maxLength={2048} onChange={(e) => set(i, { ...m, picUrl: e.target.value })} />
          </label>
        </>
      )}
      {m.type === 'miniprogram' && (
        <>
          <label>
            {t('composer.rich.appId')}
            <input value={m.appId} onChange={(e) => set(i, { ...m, appId: e.target.value })} />
          </label>
          <label>
            {t('composer.rich.pagePath')}
            <input value={m.pagePath} onChange={(e) => set(i, { ...m, pagePath: e.target.value })} />
          </label>
          <label>
            {t('composer.rich.title')}
            <input value={m.title} maxLength={128} onChange={(e) => set(i, { ...m, title: e.target.value })} />
          </label>
        </>
      )}
    </>
  );
}
