import { accessErrors } from './access-errors';
import { apiErrors } from './api-errors';
import type { ErrorEntry } from './error-entry';
import { journeyErrors } from './journey-errors';
import { systemErrors } from './system-errors';
import { targetingErrors } from './targeting-errors';

const sections: Array<[string, string, Record<string, ErrorEntry>]> = [
  ['The API', 'What a request can be answered with (`{ error: { code, message, details } }`).', apiErrors],
  [
    'Roles, members and approvals',
    'Who may do what in a workspace: refusals by role (403), members and owners, invitations, approval requests.',
    accessErrors,
  ],
  [
    'Journeys',
    'The issues of a journey or broadcast that cannot be published (422 `HERALD_ERR_JOURNEY_INVALID`, ' +
      '`details.issues`), also shown on the canvas; and what a worker says of a stored plan it cannot run.',
    journeyErrors,
  ],
  [
    'Personalisation, segments and test sends',
    'What publishing says of a Liquid template or a segment a journey names, what a send records for a contact ' +
      'whose personalised text does not fit, and what the segment and test-send routes answer.',
    targetingErrors,
  ],
  [
    'Providers and processes',
    "A provider's refusal, recorded on the delivery (`error_code`) or answered as 502/503 where a request " +
      'called the provider; and what `./herald start` or a worker prints when it cannot start.',
    systemErrors,
  ],
];

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/ERRORS.md: the error table as Markdown (scripts/errors-doc.ts writes it; a test keeps it current). */
export function renderErrorsDoc(): string {
  const out = [
    '# Herald error codes',
    '',
    '<!-- Generated from engine/src/errors/ by `node_modules/.bin/tsx scripts/errors-doc.ts`; do not edit. -->',
    '',
    'Every error Herald reports carries a stable code. `{name}` in a message stands for what each occurrence',
    'fills in. Kinds (CONVENTIONS.md): **user** — bad input or a rule broken, not retried; **operational** —',
    'something outside is down or busy, retried; **unexpected** — a defect, logged.',
  ];
  for (const [title, intro, entries] of sections) {
    out.push(
      '',
      `## ${title}`,
      '',
      intro,
      '',
      '| code | HTTP | kind | message | the editor says |',
      '|---|---|---|---|---|',
    );
    for (const [code, e] of Object.entries(entries))
      out.push(`| \`${code}\` | ${e.status ?? '—'} | ${e.kind} | ${cell(e.message)} | ${cell(e.words ?? '')} |`);
  }
  return out.join('\n') + '\n';
}
