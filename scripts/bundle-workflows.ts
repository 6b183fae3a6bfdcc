// Builds the workflow bundle into .cache/workflow-bundle/ ahead of time (a container image's build
// step), so a worker starting from the image loads it in milliseconds instead of bundling for seconds.
import { loadWorkflowBundle } from '../runtime/src/index';
import { exitWithError } from './lib/fail';

loadWorkflowBundle()
  .then((bundle) =>
    process.stdout.write(`herald: workflow bundle ${bundle.cached ? 'already built' : 'built'} at ${bundle.path}\n`),
  )
  .catch(exitWithError);
