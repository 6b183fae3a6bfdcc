import EmojiPicker, { EmojiStyle, Theme } from 'emoji-picker-react';
import { useTranslation } from 'react-i18next';

// The picker's Chinese emoji names and categories (its own data), fetched only when the editor speaks Chinese.
const chinese = () => import('emoji-picker-react/data/emojis-zh');

/**
 * The emoji picker (emoji-picker-react: search, categories, skin tones, recent ones). Native emoji:
 * nothing is fetched from a CDN, the glyphs are the device's own, as the recipient's phone shows them.
 */
export default function EmojiPickerPanel({ onPick }: { onPick(emoji: string): void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  return (
    <div className="emoji-panel" data-testid="emoji-picker">
      <EmojiPicker
        key={i18n.language}
        {...(zh ? { emojiData: chinese } : {})}
        labels={{
          searchPlaceholder: t('composer.emojiPicker.search'),
          searchLabel: t('composer.emojiPicker.search'),
          searchClear: t('composer.emojiPicker.clear'),
          searchResultsNone: t('composer.emojiPicker.none'),
          loading: t('common.loading'),
        }}
        emojiStyle={EmojiStyle.NATIVE}
        theme={Theme.LIGHT}
        lazyLoadEmojis
        previewConfig={{ showPreview: false }}
        width="100%"
        height={360}
        onEmojiClick={(e) => onPick(e.emoji)}
      />
    </div>
  );
}
