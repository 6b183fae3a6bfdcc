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
import { Select, TextInput } from '../../components/Field';
import { useList } from '../../lists/useList';
import { useAddRow } from '../../lists/useAddRow';

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
  const [chatId, setChatId] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const { items: chats, reload: load } = useList(
    () => call(directoryRoutes.groupChats).then((r) => r.items),
    (text) => say({ kind: 'error', text }),
  );
  const ownerName = (id: string | null) => employees.find((e) => e.id === id)?.name ?? '—';
  const { problems, add } = useAddRow(
    directoryRoutes.createGroupChat,
    { chatId: t('groupChats.chatIdField'), name: t('channels.form.nameField') },
    (body) => {
      setChatId('');
      setName('');
      say({ kind: 'ok', text: t('groupChats.added', { name: body.name }) });
      void load();
    },
    (text) => say({ kind: 'error', text }),
  );
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
            .then(load)
            .catch((e: unknown) => say({ kind: 'error', text: errorText(e) })),
      },
    ]),
  ];
  return (
    <section aria-label={t('groupChats.title')}>
      <header className="page-head">
        <h3>{t('groupChats.title')}</h3>
        <span className="spacer" />
        <SyncButton
          label={t('groupChats.sync')}
          accounts={accounts}
          sync={async (channelAccountId) => {
            const r = await call(directoryRoutes.syncGroupChats, { body: { channelAccountId } });
            void load();
            return t('groupChats.synced', { created: r.created, updated: r.updated });
          }}
          say={say}
        />
      </header>
      <ToolbarForm
        label={t('groupChats.addLabel')}
        submit={t('groupChats.add')}
        problems={problems}
        onSubmit={() => add({ chatId: chatId.trim(), name: name.trim(), ...(owner ? { ownerEmployeeId: owner } : {}) })}
      >
        <TextInput
          aria-label={t('groupChats.chatId')}
          placeholder={t('groupChats.chatIdPlaceholder')}
          value={chatId}
          onValue={setChatId}
        />
        <TextInput aria-label={t('groupChats.name')} placeholder={t('journeys.name')} value={name} onValue={setName} />
        <Select
          aria-label={t('groupChats.owner')}
          value={owner}
          blank={t('groupChats.noOwner')}
          options={employees.map((e) => ({ value: e.id, label: e.name }))}
          onValue={setOwner}
        />
      </ToolbarForm>
      <ListTable items={chats} empty={t('groupChats.none')} testId="group-chats-table" columns={columns} />
    </section>
  );
}
