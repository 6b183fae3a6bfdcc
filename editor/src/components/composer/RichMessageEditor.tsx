import type { Message } from '@herald/engine';
import { useTranslation } from 'react-i18next';
import { InputField } from '../Field';

type Rich = Extract<Message, { type: 'video' | 'news' | 'miniprogram' }>;

/** One text field of a rich message: the message's key, its words, its accessible name (numbered), its bounds. */
interface RichField {
  key: 'title' | 'description' | 'url' | 'picUrl' | 'appId' | 'pagePath';
  words: 'title' | 'description' | 'link' | 'picture' | 'appId' | 'pagePath';
  name?: 'videoTitle' | 'cardTitle' | 'cardLink';
  maxLength?: number;
  placeholder?: string;
}

/** The fields each rich message type is written with, in the order they are shown. */
const richFields: Record<Rich['type'], readonly RichField[]> = {
  video: [{ key: 'title', words: 'title', name: 'videoTitle', maxLength: 128 }],
  news: [
    { key: 'title', words: 'title', name: 'cardTitle', maxLength: 128 },
    { key: 'description', words: 'description', maxLength: 512 },
    { key: 'url', words: 'link', name: 'cardLink', maxLength: 2048, placeholder: 'https://…' },
    { key: 'picUrl', words: 'picture', maxLength: 2048 },
  ],
  miniprogram: [
    { key: 'appId', words: 'appId' },
    { key: 'pagePath', words: 'pagePath' },
    { key: 'title', words: 'title', maxLength: 128 },
  ],
};

/** The fields of a video's title, a link card or a mini program card. */
export function RichMessageEditor({ m, i, onChange }: { m: Rich; i: number; onChange(m: Message): void }) {
  const { t } = useTranslation();
  const values = m as Partial<Record<RichField['key'], string>>;
  return (
    <>
      {richFields[m.type].map((f) => (
        <InputField
          key={f.key}
          label={t(`composer.rich.${f.words}`)}
          aria-label={f.name && t(`composer.rich.${f.name}`, { n: i + 1 })}
          value={values[f.key] ?? ''}
          maxLength={f.maxLength}
          placeholder={f.placeholder}
          onValue={(text) => onChange({ ...m, [f.key]: text })}
        />
      ))}
    </>
  );
}
