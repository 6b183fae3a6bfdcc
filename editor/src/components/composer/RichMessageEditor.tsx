import type { Message } from '@herald/engine';

type Rich = Extract<Message, { type: 'video' | 'news' | 'miniprogram' }>;

/** The fields of a video's title, a link card or a mini program card. */
export function RichMessageEditor({ m, i, onChange }: { m: Rich; i: number; onChange(m: Message): void }) {
  const set = (_i: number, next: Message) => onChange(next);
  return (
    <>
      {m.type === 'video' && (
        <label>
          Title
          <input
            aria-label={`Video title ${i + 1}`}
            value={m.title ?? ''}
            maxLength={128}
            onChange={(e) => set(i, { ...m, title: e.target.value })}
          />
        </label>
      )}
      {m.type === 'news' && (
        <>
          <label>
            Title
            <input
              aria-label={`Card title ${i + 1}`}
              value={m.title}
              maxLength={128}
              onChange={(e) => set(i, { ...m, title: e.target.value })}
            />
          </label>
          <label>
            Description
            <input
              value={m.description ?? ''}
              maxLength={512}
              onChange={(e) => set(i, { ...m, description: e.target.value })}
            />
          </label>
          <label>
            Link
            <input
              aria-label={`Card link ${i + 1}`}
              value={m.url}
              maxLength={2048}
              onChange={(e) => set(i, { ...m, url: e.target.value })}
              placeholder="https://…"
            />
          </label>
          <label>
            Picture URL
            <input value={m.picUrl ?? ''} maxLength={2048} onChange={(e) => set(i, { ...m, picUrl: e.target.value })} />
          </label>
        </>
      )}
      {m.type === 'miniprogram' && (
        <>
          <label>
            App id
            <input value={m.appId} onChange={(e) => set(i, { ...m, appId: e.target.value })} />
          </label>
          <label>
            Page path
            <input value={m.pagePath} onChange={(e) => set(i, { ...m, pagePath: e.target.value })} />
          </label>
          <label>
            Title
            <input value={m.title} maxLength={128} onChange={(e) => set(i, { ...m, title: e.target.value })} />
          </label>
        </>
      )}
    </>
  );
}
