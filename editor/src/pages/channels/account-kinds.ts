// What each kind of channel account asks for; where a marketer finds each value, in plain words, is in the
// catalogues (channels.kinds, channels.fields), read when the form is shown so it follows the language.
import type { ChannelKind } from '@herald/engine';
import { textOf } from '../../i18n/i18n';

export interface FieldSpec {
  key: string;
  /** Settings are shown again; credentials are write-only (stored encrypted, never shown). */
  where: 'settings' | 'credentials';
  label: string;
  help: string;
  placeholder?: string;
  required?: boolean;
  number?: boolean;
}

export interface KindSpec {
  kind: ChannelKind;
  title: string;
  intro: string;
  defaultBaseUrl: string;
  baseUrlHelp: string;
  fields: FieldSpec[];
}

type Field = Omit<FieldSpec, 'label' | 'help'>;
/** A kind's shape; `words` names its field texts in the catalogue (both WeChat kinds share theirs). */
type Shape = { kind: ChannelKind; words: string; defaultBaseUrl: string; fields: Field[] };

const wechatFields: Field[] = [
  { key: 'appId', where: 'settings', required: true, placeholder: 'wx1234567890abcdef' },
  { key: 'secret', where: 'credentials', required: true },
  { key: 'callbackToken', where: 'credentials' },
];

const shapes: readonly Shape[] = [
  { kind: 'wechat_service', words: 'wechat', defaultBaseUrl: 'https://api.weixin.qq.com', fields: wechatFields },
  { kind: 'wechat_subscription', words: 'wechat', defaultBaseUrl: 'https://api.weixin.qq.com', fields: wechatFields },
  {
    kind: 'wecom',
    words: 'wecom',
    defaultBaseUrl: 'https://qyapi.weixin.qq.com',
    fields: [
      { key: 'corpId', where: 'settings', required: true, placeholder: 'ww1234567890abcdef' },
      { key: 'agentId', where: 'settings', required: true, number: true, placeholder: '1000002' },
      { key: 'secret', where: 'credentials', required: true },
      { key: 'callbackToken', where: 'credentials' },
      { key: 'employeeConfirmHours', where: 'settings', number: true, placeholder: '24' },
    ],
  },
  {
    kind: 'chat_platform',
    words: 'chat_platform',
    defaultBaseUrl: 'https://chat.example.com',
    fields: [{ key: 'token', where: 'credentials', required: true }],
  },
  {
    kind: 'email',
    words: 'email',
    defaultBaseUrl: 'smtp://smtp.example.com:587',
    fields: [
      { key: 'from', where: 'settings', required: true },
      { key: 'user', where: 'credentials' },
      { key: 'password', where: 'credentials' },
    ],
  },
  {
    kind: 'webhook',
    words: 'webhook',
    defaultBaseUrl: 'https://hooks.example.com/herald',
    fields: [{ key: 'secret', where: 'credentials', required: true }],
  },
];

const say = (key: string) => textOf(key) ?? key;

/** A kind with its words in the editor's language. */
function described(shape: Shape): KindSpec {
  const at = `channels.kinds.${shape.kind}`;
  return {
    kind: shape.kind,
    title: say(`${at}.title`),
    intro: say(`${at}.intro`),
    defaultBaseUrl: shape.defaultBaseUrl,
    baseUrlHelp: say(`${at}.baseUrlHelp`),
    fields: shape.fields.map((f) => {
      const words = `channels.fields.${shape.words}.${f.key}`;
      const placeholder = f.placeholder ?? textOf(`${words}.placeholder`);
      return {
        ...f,
        label: say(`${words}.label`),
        help: say(`${words}.help`),
        ...(placeholder ? { placeholder } : {}),
      };
    }),
  };
}

/** Every kind of account the Channels page connects, in the order it offers them, in the editor's language. */
export const accountKinds = (): KindSpec[] => shapes.map(described);

/** The form description of one kind. */
export const kindSpec = (kind: ChannelKind): KindSpec => described(shapes.find((s) => s.kind === kind)!);
