import { useEffect, useState } from 'react';
import { accountRoutes, contactRoutes, directoryRoutes, type Account, type Employee } from '@herald/api/contracts';
import { call, callRaw } from '../api/client';
import { errorText } from '../api/error-text';
import { GroupChatsSection } from './people/GroupChatsSection';
import { SyncButton } from './people/SyncButton';
import { useTranslation } from 'react-i18next';
import { CsvImportButton } from '../components/CsvImportButton';
import { StatusBanner } from '../components/Banner';
import { ToolbarForm } from '../components/ToolbarForm';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { useDirectory } from './people/useDirectory';
import { PageHead } from '../components/PageHead';
import { TextInput } from '../components/Field';

/** Employees (who own contacts and confirm WeCom group messages) and group chats: add, import, sync. */
export function EmployeesPage() {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const say = (m: { kind: 'ok' | 'error'; text: string }) => setMessage(m);
  const directory = useDirectory('employees', say);
  useEffect(() => {
    void call(accountRoutes.list).then((r) => setAccounts(r.items));
  }, []);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await callRaw(directoryRoutes.importEmployees, await file.text(), { contentType: 'text/csv' });
      say({ kind: 'ok', text: t('employees.imported', { file: file.name, created: r.created, updated: r.updated }) });
      void directory.reload();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  const columns: Column<Employee, never>[] = [
    { label: t('journeys.name'), cell: (e) => e.name },
    { label: t('employees.userId'), cell: (e) => <code>{e.wecomUserId}</code> },
  ];
  return (
    <div className="page">
      <PageHead title={t('nav.employees')}>
        <span className="spacer" />
        <SyncButton label={t('employees.sync')} accounts={accounts} sync={directory.sync} say={say} />
        {/* Each employee's customers become contacts the employee owns (group messages go through them). */}
        <SyncButton
          label={t('employees.syncCustomers')}
          accounts={accounts}
          sync={async (channelAccountId) => {
            const r = await call(contactRoutes.syncCustomers, { body: { channelAccountId } });
            return t('employees.customersSynced', { customers: r.customers, created: r.created, owners: r.owners });
          }}
          say={say}
        />
        <CsvImportButton ariaLabel={t('employees.importLabel')} onFile={(file) => void importFile(file)} />
      </PageHead>
      <p className="muted">{t('employees.help')}</p>
      <StatusBanner message={message} testId="employees-banner" />
      <ToolbarForm {...directory.form()}>
        <TextInput
          aria-label={t('employees.userId')}
          placeholder={t('employees.userIdPlaceholder')}
          {...directory.field('wecomUserId')}
        />
        <TextInput aria-label={t('employees.name')} placeholder={t('journeys.name')} {...directory.field('name')} />
      </ToolbarForm>
      <ListTable items={directory.items} empty={t('employees.none')} testId="employees-table" columns={columns} />
      <GroupChatsSection accounts={accounts} employees={directory.items ?? []} say={say} />
    </div>
  );
}
