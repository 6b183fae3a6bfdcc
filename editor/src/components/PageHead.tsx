import type { ReactNode } from 'react';

/** A page's heading row: its title, then what acts on the whole page (filters, a "New" button). */
export function PageHead({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-head">
      <h2>{title}</h2>
      {children}
    </header>
  );
}
