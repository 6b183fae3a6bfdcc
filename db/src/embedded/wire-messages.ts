// The few PostgreSQL wire-protocol messages the embedded database's server writes or reads itself
// (https://www.postgresql.org/docs/current/protocol-message-formats.html); PGlite answers the rest.
import { timingSafeEqual } from 'node:crypto';

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** A typed message: its type byte, its length, its body. */
function typed(type: string, body: Buffer): Buffer {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/** AuthenticationCleartextPassword: the server asks for the password (only ever sent over 127.0.0.1). */
export function passwordRequest(): Buffer {
  const body = Buffer.alloc(4);
  body.writeInt32BE(3, 0);
  return typed('R', body);
}

/** Whether `message` is a PasswordMessage carrying `password`. */
export function carriesPassword(message: Buffer, password: string): boolean {
  if (message[0] !== 0x70 /* p */) return false;
  const given = message.subarray(5, message.indexOf(0, 5));
  const expected = Buffer.from(password, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A FATAL ErrorResponse with PostgreSQL's SQLSTATE for a wrong password. */
export function wrongPassword(): Buffer {
  const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for the embedded database'];
  return typed('E', Buffer.from(`${fields.join('\0')}\0\0`, 'utf8'));
}

/** A simple-protocol Query message. */
export function simpleQuery(text: string): Buffer {
  return typed('Q', Buffer.from(`${text}\0`, 'utf8'));
}

/** A Sync message. */
export function sync(): Buffer {
  return typed('S', Buffer.alloc(0));
}

/** The statement name a Parse message creates ('' for the unnamed statement). */
export function parsedStatementName(message: Buffer): string {
  return message.toString('utf8', 5, message.indexOf(0, 5));
}
