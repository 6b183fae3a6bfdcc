import { useEffect, useMemo, useState } from 'react';
import type { MethodCapability, MethodId } from '@herald/engine';
import { accountRoutes, type Account } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { methodsOffered } from '../../canvas/steps/methods-offered';

/** The accounts a send can go through and the choices made among them. */
export interface SendAccounts<M extends MethodId | ''> {
  accounts: Account[];
  account: Account | undefined;
  accountId: string;
  setAccountId(id: string): void;
  /** The chosen account's methods. */
  methods: MethodCapability[];
  method: M | MethodId;
  setMethod(method: MethodId): void;
}

/**
 * The accounts a send can go through (enabled, offering a method `fits` keeps), the chosen account
 * (the first one unless one is given) and the chosen method, kept to one the account offers. Loaded
 * once `enabled`.
 */
export function useSendAccounts<M extends MethodId | ''>({
  enabled = true,
  fits = () => true,
  accountId: firstAccount = '',
  method: firstMethod,
  onError,
}: {
  enabled?: boolean;
  fits?(method: MethodCapability): boolean;
  accountId?: string;
  method: M;
  onError(text: string): void;
}): SendAccounts<M> {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState(firstAccount);
  const [method, setMethod] = useState<M | MethodId>(firstMethod);
  useEffect(() => {
    if (!enabled) return;
    void call(accountRoutes.list)
      .then((a) => {
        const usable = a.items.filter((x) => !x.disabled && methodsOffered(x.kind, false).some(fits));
        setAccounts(usable);
        setAccountId((id) => id || usable[0]?.id || '');
      })
      .catch((e: unknown) => onError(errorText(e)));
  }, [enabled]);
  const account = accounts.find((a) => a.id === accountId);
  const methods = useMemo(() => (account ? methodsOffered(account.kind, false).filter(fits) : []), [account]);
  useEffect(() => {
    if (methods.length && !methods.some((m) => m.id === method)) setMethod(methods[0]!.id);
  }, [methods, method]);
  return { accounts, account, accountId, setAccountId, methods, method, setMethod };
}
