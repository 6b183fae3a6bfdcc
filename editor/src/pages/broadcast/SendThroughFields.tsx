import type { MethodId } from '@herald/engine';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Field';
import { channelLabel, methodLabel } from '../../words/labels';
import type { SendAccounts } from './useSendAccounts';
import { MessageComposer, type MessageComposerProps } from '../../components/MessageComposer';

/** Which account a send goes through and by which of its methods (neither changes once `fixed`). */
export function SendThroughFields({
  through: { accounts, accountId, setAccountId, methods, method, setMethod },
  methodWord,
  fixed = false,
}: {
  /** The accounts, methods and choices, as useSendAccounts keeps them. */
  through: SendAccounts<MethodId | ''>;
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
        onValue={setAccountId}
      />
      <SelectField<MethodId | ''>
        label={methodWord}
        aria-label={methodWord}
        value={method}
        disabled={fixed}
        options={methods.map((m) => ({ value: m.id, label: methodLabel(m.id) }))}
        onValue={setMethod}
      />
    </>
  );
}

/** The message composer for what a send goes through: its account (and the account's kind) and a method. */
export function SendComposer({
  through: { accountId, account },
  ...composer
}: Omit<MessageComposerProps, 'accountId' | 'accountKind'> & { through: SendAccounts<MethodId | ''> }) {
  return <MessageComposer accountId={accountId} accountKind={account?.kind ?? ''} {...composer} />;
}
