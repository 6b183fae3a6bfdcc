// `./herald start`: the whole product on its embedded defaults, in one process plus the Temporal
// dev server as a child. DATABASE_URL / TEMPORAL_ADDRESS switch to external services.
import { startHerald } from '../api/src/herald';
import { readConfig } from '../api/src/config';
import { exitWithError } from './lib/fail';

async function main(): Promise<void> {
  const config = readConfig();
  const herald = await startHerald(config, { log: (line) => process.stdout.write(`${line}\n`) });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nherald: ${signal} received, stopping…\n`);
    await herald.stop();
    process.stdout.write('herald: stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A dead embedded database would leave every request and activity failing: report it and stop.
  void herald.failed.then(async (error) => {
    if (stopping) return;
    stopping = true;
    await herald.stop();
    exitWithError(error);
  });
}

main().catch(exitWithError);
