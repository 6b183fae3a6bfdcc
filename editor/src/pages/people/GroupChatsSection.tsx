import { useState } from 'react';
import { directoryRoutes, type Account, type Employee, type GroupChat } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { SyncButton } from './SyncButton';
import { useTranslation } from 'react-i18next';
import { ToolbarForm } from '../../components/ToolbarForm';
import { type Column } from '../../lists/DataTable';
import { ListTable } from '../../lists/ListTable';
import { actionsColumn } from '../../lists/RowActions';
import { TextInput } from '../../components/Field';
import { NamedSelect } from '../../components/NamedSelect';
import { useDirectory } from './useDirectory';

type Say = (m: { kind: 'ok' | 'error'; text: string }) => void;

/** WeCom customer group chats: synced from WeCom or added by hand, each with its owning employee. */
export function GroupChatsSection({
  accounts,
  employees,
  say,
}: {
  accounts: Account[];
  employees: Employee[];
  say: Say;
}) {
  const { t } = useTranslation();
  const [owner, setOwner] = useState('');
  const directory = useDirectory('groupChats', say);
  const ownerName = (id: string | null) => employees.find((e) => e.id === id)?.name ?? '—';
  const columns: Column<GroupChat, never>[] = [
    { label: t('journeys.name'), cell: (c) => c.name },
    { label: t('groupChats.chatId'), cell: (c) => <code>{c.chatId}</code> },
    { label: t('groupChats.owner'), cell: (c) => ownerName(c.ownerEmployeeId) },
    { label: t('groupChats.members'), cell: (c) => c.memberCount },
    actionsColumn([
      {
        label: t('common.remove'),
        act: (c) =>
          void call(directoryRoutes.deleteGroupChat, { params: { id: c.id } })
            .then(directory.reload)
            .catch((e: unknown) => say({ kind: 'error', text: errorText(e) })),
      },
    ]),
  ];
  return (
    <section aria-label={t('groupChats.title')}>
      <header className="page-head">
        <h3>{t('groupChats.title')}</h3>
        <span className="spacer" />
        <SyncButton label={t('groupChats.sync')} accounts={accounts} sync={directory.sync} say={say} />
      </header>
      <ToolbarForm {...directory.form(owner ? { ownerEmployeeId: owner } : {})}>
        <TextInput
          aria-label={t('groupChats.chatId')}
          placeholder={t('groupChats.chatIdPlaceholder')}
          {...directory.field('chatId')}
        />
        <TextInput aria-label={t('groupChats.name')} placeholder={t('journeys.name')} {...directory.field('name')} />
        <NamedSelect
          label={t('groupChats.owner')}
          blank={t('groupChats.noOwner')}
          items={employees}
          value={owner}
          onValue={setOwner}
        />
      </ToolbarForm>
      <ListTable items={directory.items} empty={t('groupChats.none')} testId="group-chats-table" columns={columns} />
    </section>
  );
}
