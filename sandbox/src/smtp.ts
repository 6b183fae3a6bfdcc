import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { Faults } from './faults';
import type { MessageStore } from './store';

/** How much of a mail's text the sandbox keeps (an invitation or an export's note fits; a novel does not). */
const keptText = 4000;

/**
 * What a recipient reads: the subject, the text (decoded from quoted-printable or base64 by
 * mailparser, as a mail client would) and the attachments' names and sizes.
 */
async function readable(raw: Buffer): Promise<{ messageId: string | undefined; content: string }> {
  const mail = await simpleParser(raw);
  const attached = mail.attachments.map((a) => `[attached: ${a.filename ?? 'file'}, ${a.size} bytes]`);
  const text = (mail.text ?? '').trim().slice(0, keptText);
  return {
    messageId: mail.messageId,
    content: [mail.subject ?? '', text, ...attached].filter((line) => line !== '').join('\n'),
  };
}

/**
 * An SMTP server that accepts any mail (any or no auth) and stores one message per recipient, as
 * its recipient reads it; with faults set for 'email', it refuses a share of messages with a
 * temporary 451 (not stored).
 */
export async function startSmtp(
  store: MessageStore,
  port: number,
  nextId: (p: string) => string,
  faults?: Faults,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    // No reverse DNS lookup per connection: this machine resolves nothing, and each lookup cost a wait.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sandbox' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = faults?.smtpRefusal();
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        readable(Buffer.concat(chunks)).then(
          (mail) => {
            for (const to of session.envelope.rcptTo) {
              store.add({
                channel: 'email',
                method: 'smtp',
                account: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                recipient: to.address,
                content: mail.content,
                providerMessageId: mail.messageId ?? nextId('mail'),
              });
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that vanishes mid-session (a killed worker: ECONNRESET) ends its connection, not the server.
  server.on('error', () => {});
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
