import EmojiPicker, { EmojiStyle, Theme } from 'emoji-picker-react';

/**
 * The emoji picker (emoji-picker-react: search, categories, skin tones, recent ones). Native emoji:
 * nothing is fetched from a CDN, the glyphs are the device's own, as the recipient's phone shows them.
 */
export default function EmojiPickerPanel({ onPick }: { onPick(emoji: string): void }) {
  return (
    <div className="emoji-panel" data-testid="emoji-picker">
      <EmojiPicker
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
