// Writes docs/ERRORS.md from the error table (engine/src/errors/); engine/src/errors/error-table.test.ts
// fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsDoc } from '../engine/src/errors/errors-doc';

const path = join(import.meta.dirname, '..', 'docs', 'ERRORS.md');
writeFileSync(path, renderErrorsDoc());
process.stdout.write(`wrote ${path}\n`);
