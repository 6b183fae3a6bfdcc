import type { MethodCapability, MethodId } from '@herald/engine';
import type { Account } from '@herald/api/contracts';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Field';
import { channelLabel, methodLabel } from '../../words/labels';

/** Which account a send goes through and by which of its methods (neither changes once `fixed`). */
export function SendThroughFields({
  accounts,
  accountId,
  onAccount,
  methods,
  method,
  onMethod,
  methodWord,
  fixed = false,
}: {
  accounts: Account[];
  accountId: string;
  onAccount(id: string): void;
  methods: MethodCapability[];
  method: MethodId | '';
  onMethod(method: MethodId): void;
  /** The method field's label. */
  methodWord: string;
  fixed?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('timeline.timedSend.account')}
        aria-label={t('timeline.timedSend.account')}
        value={accountId}
        disabled={fixed}
        options={accounts.map((a) => ({
          value: a.id,
          label: (
            <>
              {a.name} ({channelLabel(a.kind)})
            </>
          ),
        }))}
        onValue={onAccount}
      />
      <SelectField<MethodId | ''>
        label={methodWord}
        aria-label={methodWord}
        value={method}
        disabled={fixed}
        options={methods.map((m) => ({ value: m.id, label: methodLabel(m.id) }))}
        onValue={(m) => onMethod(m as MethodId)}
      />
    </>
  );
}
