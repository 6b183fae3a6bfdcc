import { lazy, Suspense, useRef, useState } from 'react';
import { textLength, type MethodCapability } from '@herald/engine';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { methodLabel } from '../../words/labels';

// The picker carries every emoji's data: it loads when first opened, not with the editor.
const EmojiPicker = lazy(() => import('./EmojiPickerPanel'));
const fields = ['{{contact.name}}'];

/**
 * A text message with a live counter against the method's real limit (characters, or UTF-8 bytes
 * for WeCom): text past the limit is kept as typed and marked, never cut; the step says what is too
 * long and publishing refuses it. Emoji and personalisation fields go in at the cursor.
 */
export function TextMessageEditor({
  label,
  text,
  capability,
  onChange,
}: {
  label: string;
  text: string;
  capability: MethodCapability;
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const [picking, setPicking] = useState(false);
  const { max, unit } = capability.textLimit;
  const length = textLength(text, unit);
  const over = length > max;
  const insert = (piece: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    onChange(text.slice(0, at) + piece + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + piece.length, at + piece.length);
    });
  };
  return (
    <>
      <textarea
        ref={area}
        aria-label={label}
        aria-invalid={over ? true : undefined}
        aria-describedby={`${label}-count`}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        rows={4}
      />
      <div className="row">
        <button type="button" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
          😀 {t('composer.emoji')}
        </button>
        {capability.personalisation &&
          fields.map((f) => (
            <button type="button" key={f} onClick={() => insert(f)}>
              {f}
            </button>
          ))}
        <span className="spacer" />
        <span id={`${label}-count`} className={over ? 'counter over' : 'counter'} data-testid="text-counter">
          {t(`composer.counter.${unit}`, { length: formatNumber(length), max: formatNumber(max) })}
        </span>
      </div>
      {over && (
        <span className="field-error" role="alert">
          {t(`composer.tooLong.${unit}`, { method: methodLabel(capability.id), n: formatNumber(length - max) })}
        </span>
      )}
      {picking && (
        <Suspense fallback={<p className="loading">{t('composer.emojiLoading')}</p>}>
          <EmojiPicker
            onPick={(emoji) => {
              insert(emoji);
              setPicking(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
