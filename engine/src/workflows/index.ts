// The workflow bundle's entry: every workflow Herald registers on its task queue.
export { smokeSleep } from './smoke.workflow';
