import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Ask {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  resolve(ok: boolean): void;
}

/**
 * A confirmation before something that cannot be undone or reaches many people: `confirm()` opens
 * a modal dialog and resolves true only when the member presses its confirm button.
 */
export function useConfirm(): {
  confirm(ask: Omit<Ask, 'resolve'>): Promise<boolean>;
  dialog: ReactNode;
} {
  const [ask, setAsk] = useState<Ask | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    if (ask && ref.current && !ref.current.open) ref.current.showModal();
  }, [ask]);
  const confirm = useCallback(
    (next: Omit<Ask, 'resolve'>) => new Promise<boolean>((resolve) => setAsk({ ...next, resolve })),
    [],
  );
  const close = (ok: boolean) => {
    ref.current?.close();
    ask?.resolve(ok);
    setAsk(null);
  };
  const dialog = ask ? (
    <dialog ref={ref} className="confirm" aria-labelledby="confirm-title" onCancel={() => close(false)}>
      <h3 id="confirm-title">{ask.title}</h3>
      <div className="confirm-body">{ask.body}</div>
      <div className="row confirm-actions">
        <button type="button" onClick={() => close(false)}>
          {t('common.goBack')}
        </button>
        <button type="button" className={ask.danger ? 'danger' : 'primary'} onClick={() => close(true)}>
          {ask.confirm}
        </button>
      </div>
    </dialog>
  ) : null;
  return { confirm, dialog };
}
