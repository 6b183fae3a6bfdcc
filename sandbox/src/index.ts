export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export type { JobResultAnswer } from './context';
export { MessageStore, type DroppedCall, type ReceivedMessage } from './store';
export { Faults, type FaultSpec } from './faults';
export { ReceiptPoster, type ReceiptConfig } from './receipts';
