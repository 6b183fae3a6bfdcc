// What each kind of channel account asks for, and where a marketer finds each value, in plain words.
import type { ChannelKind } from '@herald/engine';

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

const wechatFields: FieldSpec[] = [
  {
    key: 'appId',
    where: 'settings',
    label: 'AppID',
    required: true,
    placeholder: 'wx1234567890abcdef',
    help: [
      'On the WeChat Official Accounts Platform: Settings and Development → Basic Configuration → Developer',
      'ID (AppID). It starts with wx.',
    ].join(' '),
  },
  {
    key: 'secret',
    where: 'credentials',
    label: 'AppSecret',
    required: true,
    help: [
      'Same page, Developer Password (AppSecret). WeChat shows it only once; if nobody kept it, reset it',
      'there. Herald keeps it encrypted and never shows it again.',
    ].join(' '),
  },
  {
    key: 'callbackToken',
    where: 'credentials',
    label: 'Token',
    placeholder: 'a word you choose, e.g. herald2026',
    help: [
      'A word you choose. Enter the same word under Basic Configuration → Server Configuration → Token,',
      'with the callback address Herald shows once the account is saved: WeChat signs every follow, message',
      'and menu click with it, so Herald knows they are real.',
    ].join(' '),
  },
];

const wechat = (kind: 'wechat_service' | 'wechat_subscription', title: string, intro: string): KindSpec => ({
  kind,
  title,
  intro,
  defaultBaseUrl: 'https://api.weixin.qq.com',
  baseUrlHelp:
    'Where WeChat’s API answers: keep https://api.weixin.qq.com, or use the channel sandbox to try Herald first.',
  fields: wechatFields,
});

/** Every kind of account the Channels page connects, in the order it offers them. */
export const accountKinds: readonly KindSpec[] = [
  wechat(
    'wechat_service',
    'WeChat service account',
    'Sends mass messages (4 a month per follower), customer-service replies within 48 hours of a follower’s ' +
      'message, and template notices. Herald hears its followers: follows, messages, menu clicks.',
  ),
  wechat(
    'wechat_subscription',
    'WeChat subscription account',
    'Sends one mass message a day to its followers. Herald hears its followers: follows, messages, menu clicks.',
  ),
  {
    kind: 'wecom',
    title: 'WeCom (WeChat Work)',
    intro:
      'Sends agent messages from your self-built app (allowed in real-time journeys) and enterprise group ' +
      'messages that your employees confirm (at most one a day per customer). Employees and group chats sync from it.',
    defaultBaseUrl: 'https://qyapi.weixin.qq.com',
    baseUrlHelp:
      'Where WeCom’s API answers: keep https://qyapi.weixin.qq.com, or use the channel sandbox to try Herald first.',
    fields: [
      {
        key: 'corpId',
        where: 'settings',
        label: 'Corp ID',
        required: true,
        placeholder: 'ww1234567890abcdef',
        help: 'In the WeCom admin console: My Company → Company Information → Corp ID (at the bottom).',
      },
      {
        key: 'agentId',
        where: 'settings',
        label: 'AgentId',
        required: true,
        number: true,
        placeholder: '1000002',
        help: 'App Management → your self-built app → AgentId. Herald sends agent messages as this app.',
      },
      {
        key: 'secret',
        where: 'credentials',
        label: 'Secret',
        required: true,
        help: [
          'The same app page → Secret → View (WeCom sends it to an admin’s WeCom). Use the app’s secret, not',
          'the address book’s. Herald keeps it encrypted.',
        ].join(' '),
      },
      {
        key: 'callbackToken',
        where: 'credentials',
        label: 'Callback token',
        help: [
          'The app page → Receive messages → Set API: the Token you chose there, with the callback address this page',
          'shows once saved. WeCom then tells Herald what employees did with the agent messages they were asked to send.',
        ].join(' '),
      },
      {
        key: 'employeeConfirmHours',
        where: 'settings',
        label: 'Hours for employees to send',
        number: true,
        placeholder: '24',
        help: 'An agent message waits this long for its employee (reminded up to 3 times), then it expires. Default 24.',
      },
    ],
  },
  {
    kind: 'chat_platform',
    title: 'Chat platform',
    intro: 'Broadcasts text to chat numbers (dialogs) on your chat platform.',
    defaultBaseUrl: 'https://chat.example.com',
    baseUrlHelp: 'The platform’s API address, as its documentation gives it.',
    fields: [
      {
        key: 'token',
        where: 'credentials',
        label: 'API token',
        required: true,
        help: 'The platform’s API token for broadcasts (its settings, API section). Herald keeps it encrypted.',
      },
    ],
  },
  {
    kind: 'email',
    title: 'Email (SMTP)',
    intro: 'Sends email through your mail server.',
    defaultBaseUrl: 'smtp://smtp.example.com:587',
    baseUrlHelp: 'The mail server as smtp://host:port (or smtps:// for a server that wants TLS from the start).',
    fields: [
      {
        key: 'from',
        where: 'settings',
        label: 'From address',
        required: true,
        placeholder: 'Acme <news@acme.example>',
        help: 'Who the email comes from; the mail server must allow this sender.',
      },
      {
        key: 'user',
        where: 'credentials',
        label: 'User name',
        help: 'The mail server’s sign-in, if it asks for one.',
      },
      { key: 'password', where: 'credentials', label: 'Password', help: 'Its password. Herald keeps it encrypted.' },
    ],
  },
  {
    kind: 'webhook',
    title: 'Webhook',
    intro: 'Posts each message, signed, to an address of yours (another system sends it on).',
    defaultBaseUrl: 'https://hooks.example.com/herald',
    baseUrlHelp: 'The address Herald posts to.',
    fields: [
      {
        key: 'secret',
        where: 'credentials',
        label: 'Signing secret',
        required: true,
        help: 'A secret you share with the receiving system: Herald signs every post with it (x-herald-signature).',
      },
    ],
  },
];

/** The form description of one kind. */
export const kindSpec = (kind: ChannelKind): KindSpec => accountKinds.find((k) => k.kind === kind)!;
