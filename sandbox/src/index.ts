export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export { MessageStore, type DroppedCall, type ReceivedMessage } from './store';
export { Faults, type FaultSpec } from './faults';
export { ReceiptPoster, type ReceiptConfig } from './receipts';
