export { startHeraldWorker, type HeraldWorker, type HeraldWorkerOptions } from './worker';
