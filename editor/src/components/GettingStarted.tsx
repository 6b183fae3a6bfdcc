import { useEffect, useState } from 'react';
import { workspaceRoutes, type GettingStarted as Progress } from '@herald/api/contracts';
import { call } from '../api/client';

const steps: ReadonlyArray<{ key: keyof Omit<Progress, 'sandboxUrl'>; title: string; how: string; href: string }> = [
  {
    key: 'channelConnected',
    title: 'Connect a channel',
    how: 'your WeChat official account or WeCom company, on the Channels page',
    href: '#/channels',
  },
  { key: 'contactsImported', title: 'Import contacts', how: 'a CSV file, on the Contacts page', href: '#/contacts' },
  {
    key: 'somethingDrawn',
    title: 'Draw a journey or a broadcast',
    how: 'a welcome for new followers, or a message to a tag',
    href: '#/journeys',
  },
];

const sandboxLink = (url: string) => <a href={url}>{url}</a>;

/** The first steps of a new workspace, each ticked off as soon as it is done; gone once all are. */
export function GettingStarted() {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    void call(workspaceRoutes.gettingStarted)
      .then(setProgress)
      .catch(() => setProgress(null));
  }, []);
  if (!progress || steps.every((s) => progress[s.key])) return null;
  return (
    <section className="card getting-started" aria-label="Getting started">
      <h3>Getting started</h3>
      <ol>
        {steps.map((s) => (
          <li key={s.key} className={progress[s.key] ? 'done' : ''} data-done={progress[s.key]}>
            <span aria-hidden="true">{progress[s.key] ? '✓' : '○'}</span> <a href={s.href}>{s.title}</a>: {s.how}
            {progress[s.key] && <span className="sr-only"> (done)</span>}
          </li>
        ))}
      </ol>
      {progress.sandboxUrl && (
        <p className="muted">
          No account yet? This Herald runs a channel sandbox at {sandboxLink(progress.sandboxUrl)} that plays WeChat and
          WeCom: connect accounts to it and watch your messages arrive there.
        </p>
      )}
    </section>
  );
}
