import type { AudienceKind } from '../model/audience.schema';
import type { SendType } from '../model/node.schema';
import type { JourneyMode } from '../model/node-kinds';
import type { ChannelKind, MethodId } from './channel-kinds';
import type { MethodCapability } from './method-capability';
import { otherMethods } from './other.methods';
import { wechatMethods } from './wechat.methods';
import { wecomMethods } from './wecom.methods';

export type { MethodCapability, TextLimit } from './method-capability';

/** One entry per channel method (rules from the platforms' documentation, DESIGN.md), one file per platform. */
export const methodRegistry: Readonly<Record<MethodId, MethodCapability>> = {
  ...wecomMethods,
  ...wechatMethods,
  ...otherMethods,
};

/** The capability entry of a method. */
export const capabilityOf = (method: MethodId): MethodCapability => methodRegistry[method];

/** Methods an account kind offers (in a journey of that mode, when given), for the composer's method picker. */
export const methodsForChannel = (channel: ChannelKind, mode?: JourneyMode): MethodCapability[] =>
  Object.values(methodRegistry).filter(
    (m) => m.channels.includes(channel) && (mode === undefined || (mode === 'realtime' ? m.realtime : m.batch)),
  );

/** The audience kinds a method accepts for one send type. */
export const audienceKindsFor = (capability: MethodCapability, type: SendType): readonly AudienceKind[] =>
  capability.audienceKindsByType?.[type] ?? capability.audienceKinds;

/**
 * Contacts per broadcast page for a method: at least 2,500 (each page is one activity, so fewer,
 * larger pages cost less per contact — measured in docs/BENCHMARKS.md), and never less than the
 * method's batch, so batch-limited APIs go out in full calls (WeChat mass: 10,000 openids a
 * call, 100 calls a day — pages of 1,000 would cap an account at 100,000 fans a day). Methods
 * that call the provider once per recipient (email, customer-service…) keep pages of 1,000: the
 * calls dominate there, and a page must finish well inside its 10-minute limit even on a slow
 * provider (a timed-out page is retried, and those channels have no provider-side dedup).
 */
export function broadcastPageSize(method: MethodId): number {
  const { batchSize } = capabilityOf(method);
  return batchSize === 1 ? 1000 : Math.max(2500, batchSize);
}

/**
 * Whether the provider counts a method's calls against a quota of the account (WeChat mass: 100 calls a day):
 * a batch run's pages then carry full calls, so an audience takes as few calls as its size allows (see
 * `audienceBoundaries`' `exact`).
 */
export function callsAreScarce(method: MethodId): boolean {
  return capabilityOf(method).policies.some((p) => p.kind === 'quota' && p.per === 'account' && p.unit === 'call');
}
