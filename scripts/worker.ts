// `./herald worker`: one more Temporal worker joining a running Herald (see api/src/worker-main.ts).
import { main } from '../api/src/worker-main';
import { exitWithError } from './lib/fail';

main().catch(exitWithError);
