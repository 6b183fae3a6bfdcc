import { useEffect, useState } from 'react';
import { contactRoutes, directoryRoutes, type ContactListItem, type Employee } from '@herald/api/contracts';
import { call } from '../../api/client';
import { usePageAction } from '../../components/usePageAction';
import { Select } from '../../components/Field';
import { useTranslation } from 'react-i18next';

/** The bulk owner change's choices: add an owner, make them the only one, or remove them. */
const ownerModes = ['add', 'replace', 'remove'] as const;
type OwnerMode = (typeof ownerModes)[number];

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
  const { run } = usePageAction(onDone);
  const [mode, setMode] = useState<OwnerMode>('add');
  useEffect(() => {
    void call(directoryRoutes.employees)
      .then((e) => setEmployees(e.items))
      .catch(() => setEmployees([]));
  }, []);
  if (employees.length === 0) return null;
  const employee = employees.find((e) => e.id === employeeId);
  const assign = () =>
    employee &&
    run(
      () =>
        call(contactRoutes.assignOwners, {
          body: { contactIds: selected.map((c) => c.id), employeeIds: [employee.id], mode },
        }),
      ({ changed }) => t(`contacts.owner.done.${mode}`, { employee: employee.name, count: selected.length, changed }),
    );
  return (
    <div className="row toolbar">
      <Select<OwnerMode>
        aria-label={t('contacts.owner.change')}
        value={mode}
        options={ownerModes.map((value) => ({ value, label: t(`contacts.owner.mode.${value}`) }))}
        onValue={setMode}
      />
      <Select
        aria-label={t('contacts.owner.employee')}
        value={employeeId}
        blank={t('contacts.owner.choose')}
        options={employees.map((e) => ({ value: e.id, label: `${e.name} (${e.wecomUserId})` }))}
        onValue={setEmployeeId}
      />
      <button type="button" disabled={selected.length === 0 || !employee} onClick={() => void assign()}>
        {selected.length ? t('contacts.owner.apply', { n: selected.length }) : t('contacts.owner.applyNone')}
      </button>
    </div>
  );
}
