import { useEffect, useState } from 'react';
import { contactRoutes, directoryRoutes, type ContactListItem, type Employee } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { ownerModes, ownersAssigned } from '../../words/contact-words';

interface Props {
  selected: readonly ContactListItem[];
  onDone(message: { kind: 'ok' | 'error'; text: string }): void;
}

/**
 * Bulk owner assign: the selected contacts get an owning employee added (as WeCom allows several),
 * replaced, or removed. A WeCom group message to a contact goes as a task of each of its owners.
 */
export function AssignOwners({ selected, onDone }: Props) {
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [employeeId, setEmployeeId] = useState('');
  const [mode, setMode] = useState<(typeof ownerModes)[number][0]>('add');
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
      onDone({ kind: 'ok', text: ownersAssigned(mode, employee.name, selected.length, changed) });
    } catch (error) {
      onDone({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <div className="row toolbar">
      <select aria-label="Owner change" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
        {ownerModes.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Owning employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)}>
        <option value="">Choose an employee</option>
        {employees.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name} ({e.wecomUserId})
          </option>
        ))}
      </select>
      <button type="button" disabled={selected.length === 0 || !employee} onClick={() => void assign()}>
        Apply to {selected.length || ''} selected
      </button>
    </div>
  );
}
