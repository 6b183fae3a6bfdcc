import { describe, expect, it } from 'vitest';
import type { ChannelKind } from './channel-kinds';
import { materialSendable, type AttachmentKind } from './material-methods';

// material-methods.ts: a material is kept only when some method can send it.
const imageTypes = ['bmp', 'png', 'jpg', 'gif'];
const voiceTypes = ['mp3', 'wma', 'wav', 'amr'];
describe('which materials a message can carry', () => {
  it.each<[AttachmentKind, string, readonly string[], ChannelKind[] | undefined, boolean]>([
    ['image', 'png', imageTypes, undefined, true],
    ['image', 'jpg', imageTypes, ['wecom'], true],
    ['image', 'bmp', imageTypes, undefined, false],
    ['image', 'bmp', imageTypes, ['wechat_service'], false],
    ['voice', 'mp3', voiceTypes, ['wechat_service'], true],
    ['voice', 'wma', voiceTypes, undefined, false],
    ['voice', 'amr', voiceTypes, ['wecom'], false],
    // A chat platform sends text only.
    ['image', 'png', imageTypes, ['chat_platform'], false],
    ['file', 'pdf', ['pdf'], ['email'], true],
  ])('a %s .%s (%j on %j) can be sent: %s', (kind, ext, types, channels, ok) => {
    expect(materialSendable(kind, ext, types, channels).ok).toBe(ok);
  });

  it('names the types each method takes when none can send it', () => {
    const refused = materialSendable('image', 'bmp', imageTypes, ['wecom']);
    expect(refused.types).toEqual(['png', 'jpg', 'gif']);
    expect(refused.methods).toEqual(['wecom_group_msg', 'wecom_agent']);
  });
});
