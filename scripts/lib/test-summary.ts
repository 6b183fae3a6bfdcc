// Prints the closing line of `./herald test` from vitest's JSON report: the same counts as vitest's own
// "Tests" and "Test Files" lines (a test is one it() case; a failed describe is not a failed test), and
// says so when vitest failed for a reason no test shows (an unhandled error, a failing global setup).
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!file || !existsSync(file)) {
  console.log(`tests: no report (vitest exited ${status})`);
  process.exit(0);
}
interface Report {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ status: string }>;
}
const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
const failedFiles = r.testResults.filter((f) => f.status === 'failed').length;
const parts = [`${r.numPassedTests} passed`, `${r.numFailedTests} failed`];
if (r.numPendingTests) parts.push(`${r.numPendingTests} skipped`);
if (r.numTodoTests) parts.push(`${r.numTodoTests} todo`);
let line = `tests: ${parts.join(', ')} (${r.numTotalTests} in ${r.testResults.length} files`;
line += failedFiles ? `, ${failedFiles} files failed)` : ')';
if (status !== '0' && r.numFailedTests === 0 && failedFiles === 0)
  line += `; vitest exited ${status}: see the errors above`;
console.log(line);
