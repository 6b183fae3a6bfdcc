export { ChannelClients, sendEach } from './channel-clients';
export { ChannelError, PartialSendError, fromErrcode, type ChannelErrorCode } from './channel.errors';
export { callJson, setEgressPolicy, egressPolicy } from './http';
export { checkEgress, hostAllowed, isNonPublicAddress, openEgress, type EgressPolicy } from './egress';
export { TokenCache } from './token-cache';
export { tokenEndpoint } from './token-client';
export { WechatAdapter } from './wechat.adapter';
export { WecomAdapter } from './wecom.adapter';
export {
  wecomMembers,
  wecomGroupChats,
  wecomCustomers,
  type WecomMemberRecord,
  type WecomGroupChatRecord,
  type WecomCustomer,
} from './wecom-directory';
export { EmailAdapter } from './email.adapter';
export { chatBroadcast } from './chat.adapter';
export { postWebhook, signWebhook } from './webhook.adapter';
export {
  personalize,
  isPersonalized,
  type AccountConfig,
  type Recipient,
  type RecipientResult,
  type EmployeeTask,
  type SendRequest,
} from './channel.types';
export { loadAccount, identityKindFor, type AccountDeps, type LoadedAccount } from './accounts';
export { withPlatformMedia } from './platform-media';
export { fitRecipients } from './fit-check';
export { appMessagesPerRequest } from './wecom-messages';
