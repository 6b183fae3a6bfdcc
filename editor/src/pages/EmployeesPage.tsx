import { useEffect, useState, type FormEvent } from 'react';
import { accountRoutes, contactRoutes, directoryRoutes, type Account, type Employee } from '@herald/api/contracts';
import { call, callRaw } from '../api/client';
import { errorText, formProblems } from '../api/error-text';
import { GroupChatsSection } from './people/GroupChatsSection';
import { SyncButton } from './people/SyncButton';
import { customersSynced } from '../words/contact-words';

/** Employees (who own contacts and confirm WeCom group messages) and group chats: add, import, sync. */
export function EmployeesPage() {
  const [employees, setEmployees] = useState<Employee[] | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [userId, setUserId] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const say = (m: { kind: 'ok' | 'error'; text: string }) => setMessage(m);
  const load = () =>
    void call(directoryRoutes.employees)
      .then((r) => setEmployees(r.items))
      .catch((e: unknown) => say({ kind: 'error', text: errorText(e) }));
  useEffect(() => {
    load();
    void call(accountRoutes.list).then((r) => setAccounts(r.items));
  }, []);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const body = { wecomUserId: userId.trim(), name: name.trim() };
    const found = formProblems(directoryRoutes.createEmployee.body, body, {
      wecomUserId: 'the WeCom user id',
      name: 'the name',
    });
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await call(directoryRoutes.createEmployee, { body });
      setUserId('');
      setName('');
      say({ kind: 'ok', text: `Added ${body.name}.` });
      load();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const r = await callRaw(directoryRoutes.importEmployees, await file.text(), { contentType: 'text/csv' });
      say({ kind: 'ok', text: `Imported ${file.name}: ${r.created} new, ${r.updated} updated.` });
      load();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  return (
    <div className="page">
      <header className="page-head">
        <h2>Employees</h2>
        <span className="spacer" />
        <SyncButton
          label="Sync employees from WeCom"
          accounts={accounts}
          onSync={async (channelAccountId) => {
            try {
              const r = await call(directoryRoutes.syncEmployees, { body: { channelAccountId } });
              say({ kind: 'ok', text: `Employees synced: ${r.created} new, ${r.updated} updated.` });
              load();
            } catch (err) {
              say({ kind: 'error', text: errorText(err) });
            }
          }}
        />
        {/* Each employee's customers become contacts the employee owns (group messages go through them). */}
        <SyncButton
          label="Sync customers from WeCom"
          accounts={accounts}
          onSync={async (channelAccountId) => {
            try {
              const r = await call(contactRoutes.syncCustomers, { body: { channelAccountId } });
              say({ kind: 'ok', text: customersSynced(r.customers, r.created, r.owners) });
            } catch (err) {
              say({ kind: 'error', text: errorText(err) });
            }
          }}
        />
        <label className="button file-button">
          Import CSV
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            aria-label="Import employees CSV"
            onChange={(e) => {
              void importFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </header>
      <p className="muted">
        Employees own contacts in WeCom and confirm the group messages sent to them. Import a CSV with the columns
        wecom_user_id and name, or sync them from a WeCom account.
      </p>
      {message && (
        <p className={`banner ${message.kind}`} role="status" data-testid="employees-banner">
          {message.text}
        </p>
      )}
      <form className="row toolbar" onSubmit={(e) => void add(e)} aria-label="Add an employee">
        <input
          aria-label="WeCom user id"
          placeholder="WeCom user id (e.g. zhangsan)"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
        <input aria-label="Employee name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">Add employee</button>
        {Object.values(problems).map((p) => (
          <span key={p} className="field-error">
            {p}
          </span>
        ))}
      </form>
      {!employees ? (
        <p className="loading">Loading…</p>
      ) : employees.length === 0 ? (
        <p className="muted">No employees yet.</p>
      ) : (
        <table data-testid="employees-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>WeCom user id</th>
            </tr>
          </thead>
          <tbody>
            {employees.map((e) => (
              <tr key={e.id}>
                <td>{e.name}</td>
                <td>
                  <code>{e.wecomUserId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GroupChatsSection accounts={accounts} employees={employees ?? []} say={say} />
    </div>
  );
}
