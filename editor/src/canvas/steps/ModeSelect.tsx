import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Field';
import { modeStarts, type ModeKind, type Start } from './step-modes';
import type { Data } from './types';

/**
 * The select of a step's mode (a schedule's once or recurring, a wait's time of day or date): switching
 * replaces the step's data with the chosen mode's starting fields, since each mode has fields of its own.
 */
export function ModeSelect({ kind, data, replace }: { kind: ModeKind; data: Data; replace(data: Data): void }) {
  const { t } = useTranslation();
  const starts: Readonly<Record<string, Start>> = modeStarts[kind];
  const modes = Object.keys(starts);
  const words = (part: string) => t(`canvas.modes.${kind}.${part}` as `canvas.modes.${ModeKind}.label`);
  return (
    <SelectField
      label={words('label')}
      aria-label={words('name')}
      value={String(data.mode)}
      options={modes.map((mode) => ({ value: mode, label: words(mode) }))}
      onValue={(mode) => replace({ mode, ...starts[mode]!(data) })}
    />
  );
}
