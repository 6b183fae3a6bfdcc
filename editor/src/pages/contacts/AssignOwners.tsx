import { useEffect, useState } from 'react';
import { contactRoutes, directoryRoutes, type ContactListItem, type Employee } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useTranslation } from 'react-i18next';

/** The bulk owner change's choices: add an owner, make them the only one, or remove them. */
const ownerModes = ['add', 'replace', 'remove'] as const;

interface Props {
  selected: readonly ContactListItem[];
  onDone(message: { kind: 'ok' | 'error'; text: string }): void;
}

/**
 * Bulk owner assign: the selected contacts get an owning employee added (as WeCom allows several),
 * replaced, or removed. A WeCom group message to a contact goes as a task of each of its owners.
 */
export function AssignOwners({ selected, onDone }: Props) {
  const { t } = useTranslation();
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [employeeId, setEmployeeId] = useState('');
  const [mode, setMode] = useState<(typeof ownerModes)[number]>('add');
  useEffect(() => {
    void call(directoryRoutes.employees)
      .then((e) => setEmployees(e.items))
      .catch(() => setEmployees([]));
  }, []);
  if (employees.length === 0) return null;
  const employee = employees.find((e) => e.id === employeeId);
  const assign = async () => {
    if (!employee) return;
    try {
      const { changed } = await call(contactRoutes.assignOwners, {
        body: { contactIds: selected.map((c) => c.id), employeeIds: [employee.id], mode },
      });
      onDone({
        kind: 'ok',
        text: t(`contacts.owner.done.${mode}`, { employee: employee.name, count: selected.length, changed }),
      });
    } catch (error) {
      onDone({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <div className="row toolbar">
      <select
        aria-label={t('contacts.owner.change')}
        value={mode}
        onChange={(e) => setMode(e.target.value as typeof mode)}
      >
        {ownerModes.map((value) => (
          <option key={value} value={value}>
            {t(`contacts.owner.mode.${value}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('contacts.owner.employee')}
        value={employeeId}
        onChange={(e) => setEmployeeId(e.target.value)}
      >
        <option value="">{t('contacts.owner.choose')}</option>
        {employees.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name} ({e.wecomUserId})
          </option>
        ))}
      </select>
      <button type="button" disabled={selected.length === 0 || !employee} onClick={() => void assign()}>
        {selected.length ? t('contacts.owner.apply', { n: selected.length }) : t('contacts.owner.applyNone')}
      </button>
    </div>
  );
}
