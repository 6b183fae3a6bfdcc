import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a page says after an action: how it went ('ok', 'error', 'info'…) and the sentence. */
export interface BannerMessage {
  kind: string;
  text: string;
}

/** An error read out at once (role alert); nothing when there is none. */
export function ErrorBanner({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="banner error" role="alert">
      {text}
    </p>
  );
}

/** A page's last message, coloured by its kind and read out politely (role status); nothing when there is none. */
export function StatusBanner({ message, testId }: { message: BannerMessage | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className={`banner ${message.kind}`} role="status" data-testid={testId}>
      {message.text}
    </p>
  );
}

/** The loading line: "Loading…" or what is loading. */
export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <p className="loading">{text ?? t('common.loading')}</p>;
}

/** A whole page that waits for what it shows: its error once loading failed, else the loading line. */
export function PageLoading({ error }: { error: string }) {
  return <div className="page">{error ? <ErrorBanner text={error} /> : <Loading />}</div>;
}

/**
 * What a list shows: the loading line until its rows come, a muted sentence when there are none (without
 * `empty`, an empty list is drawn like any other), else the rows as `children` draws them.
 */
export function ListBody<T>({
  items,
  empty,
  emptyTestId,
  loading,
  children,
}: {
  items: readonly T[] | null | undefined;
  /** What is loading, where "Loading…" is not enough. */
  loading?: string;
  empty?: ReactNode;
  emptyTestId?: string;
  children(items: readonly T[]): ReactNode;
}) {
  if (!items) return <Loading {...(loading ? { text: loading } : {})} />;
  if (items.length === 0 && empty !== undefined)
    return (
      <p className="muted" data-testid={emptyTestId}>
        {empty}
      </p>
    );
  return children(items);
}
