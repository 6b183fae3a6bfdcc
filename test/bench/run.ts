// `./herald bench [--contacts N]`: Herald's benchmarks, each against the physical limit measured in the same run.
import { ledgerBench } from './ledger.bench';

const arg = process.argv.indexOf('--contacts');
const contacts = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
console.log(`Herald benchmarks on ${(await import('node:os')).cpus().length} cores, PostgreSQL at ${process.env.TEST_DATABASE_URL ?? 'postgres://…@127.0.0.1:5432'}`);
console.log(`\n== 1. ledger: resolve, reserve, record ${contacts.toLocaleString()} contacts (no provider call)`);
await ledgerBench(contacts);
process.exit(0);
