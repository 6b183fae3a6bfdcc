import { useEffect, useState, type FormEvent } from 'react';
import { directoryRoutes, type Account, type Employee, type GroupChat } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText, formProblems } from '../../api/error-text';
import { SyncButton } from './SyncButton';
import { useTranslation } from 'react-i18next';
import { ToolbarForm } from '../../components/ToolbarForm';
import { type Column } from '../../lists/DataTable';
import { ListTable } from '../../lists/ListTable';

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
  const [chats, setChats] = useState<GroupChat[] | null>(null);
  const { t } = useTranslation();
  const [chatId, setChatId] = useState('');
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const load = () =>
    void call(directoryRoutes.groupChats)
      .then((r) => setChats(r.items))
      .catch((e: unknown) => say({ kind: 'error', text: errorText(e) }));
  useEffect(load, []);
  const ownerName = (id: string | null) => employees.find((e) => e.id === id)?.name ?? '—';
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const body = { chatId: chatId.trim(), name: name.trim(), ...(owner ? { ownerEmployeeId: owner } : {}) };
    const found = formProblems(directoryRoutes.createGroupChat.body, body, {
      chatId: t('groupChats.chatIdField'),
      name: t('channels.form.nameField'),
    });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await call(directoryRoutes.createGroupChat, { body });
      setChatId('');
      setName('');
      say({ kind: 'ok', text: t('groupChats.added', { name: body.name }) });
      load();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  const columns: Column<GroupChat, never>[] = [
    { label: t('journeys.name'), cell: (c) => c.name },
    { label: t('groupChats.chatId'), cell: (c) => <code>{c.chatId}</code> },
    { label: t('groupChats.owner'), cell: (c) => ownerName(c.ownerEmployeeId) },
    { label: t('groupChats.members'), cell: (c) => c.memberCount },
    {
      label: '',
      cell: (c) => (
        <button
          type="button"
          onClick={() =>
            void call(directoryRoutes.deleteGroupChat, { params: { id: c.id } })
              .then(load)
              .catch((e: unknown) => say({ kind: 'error', text: errorText(e) }))
          }
        >
          {t('common.remove')}
        </button>
      ),
    },
  ];
  return (
    <section aria-label={t('groupChats.title')}>
      <header className="page-head">
        <h3>{t('groupChats.title')}</h3>
        <span className="spacer" />
        <SyncButton
          label={t('groupChats.sync')}
          accounts={accounts}
          onSync={async (channelAccountId) => {
            try {
              const r = await call(directoryRoutes.syncGroupChats, { body: { channelAccountId } });
              say({ kind: 'ok', text: t('groupChats.synced', { created: r.created, updated: r.updated }) });
              load();
            } catch (err) {
              say({ kind: 'error', text: errorText(err) });
            }
          }}
        />
      </header>
      <ToolbarForm label={t('groupChats.addLabel')} submit={t('groupChats.add')} problems={problems} onSubmit={add}>
        <input
          aria-label={t('groupChats.chatId')}
          placeholder={t('groupChats.chatIdPlaceholder')}
          value={chatId}
          onChange={(e) => setChatId(e.target.value)}
        />
        <input
          aria-label={t('groupChats.name')}
          placeholder={t('journeys.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <select aria-label={t('groupChats.owner')} value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{t('groupChats.noOwner')}</option>
          {employees.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </ToolbarForm>
      <ListTable items={chats} empty={t('groupChats.none')} testId="group-chats-table" columns={columns} />
    </section>
  );
}
