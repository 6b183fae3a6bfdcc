// Runs the channel sandbox on its own: SANDBOX_PORT (4010), SANDBOX_SMTP_PORT (2525).
import { startSandbox } from './server';

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT ?? 4010),
  smtpPort: Number(process.env.SANDBOX_SMTP_PORT ?? 2525),
});
console.log(`channel sandbox on ${sandbox.url} (SMTP 127.0.0.1:${sandbox.smtpPort})`);
process.on('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
