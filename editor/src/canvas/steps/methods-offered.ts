import { methodsForChannel, type ChannelKind, type MethodCapability } from '@herald/engine';

/** The methods an account of this kind offers in this kind of journey (real-time journeys refuse some). */
export const methodsOffered = (channel: ChannelKind, realtime: boolean): MethodCapability[] =>
  methodsForChannel(channel).filter((m) => (realtime ? m.realtime : m.batch));
