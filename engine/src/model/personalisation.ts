// Personalisation fields in message text: {{contact.name}}, {{contact.<attribute>}}.
import type { Message } from './message.schema';

/** The namespaces a field may come from: the contact's own data (name and attributes). */
export const personalisationRoots = ['contact'] as const;

const fieldPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;
const wellFormed = /^[a-z_]+\.[A-Za-z0-9_]+$/;

/** The field names a text asks for, e.g. ['contact.name'], in order of appearance. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(fieldPattern)].map((m) => m[1] ?? '');
}

/** Fields Herald cannot fill (unknown namespace, malformed, or braces left open). */
export function unknownPlaceholders(text: string): string[] {
  const bad = placeholdersOf(text).filter(
    (f) => !wellFormed.test(f) || !(personalisationRoots as readonly string[]).includes(f.split('.')[0]!),
  );
  const stripped = text.replace(fieldPattern, '');
  if (stripped.includes('{{') || stripped.includes('}}')) bad.push(stripped.includes('{{') ? '{{…' : '…}}');
  return bad.map((f) => (f.startsWith('{{') || f.endsWith('}}') ? f : `{{${f}}}`));
}

/** Whether any text message carries personalisation fields (one content per recipient). */
export const isPersonalised = (messages: readonly Message[]): boolean =>
  messages.some((m) => m.type === 'text' && placeholdersOf(m.text).length > 0);
