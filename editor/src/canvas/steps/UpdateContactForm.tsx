import type { StepFormProps } from './types';
import { useTranslation } from 'react-i18next';

/** Set attributes on the contacts that reach this step. */
export function UpdateContactForm({ data, set }: StepFormProps) {
  const { t } = useTranslation();
  const entries = Object.entries((data.set ?? {}) as Record<string, string | number | boolean | null>);
  const write = (next: Array<[string, string | number | boolean | null]>) =>
    set({ set: Object.fromEntries(next.filter(([k]) => k !== '')) });
  return (
    <>
      {entries.map(([k, v], i) => (
        <div className="row" key={i}>
          <label>
            {t('canvas.condition.attribute')}
            <input
              aria-label={t('canvas.update.attributeN', { n: i + 1 })}
              value={k}
              onChange={(e) => write(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
            />
          </label>
          <label>
            {t('canvas.condition.value')}
            <input
              aria-label={t('canvas.update.valueN', { n: i + 1 })}
              value={v === null ? '' : String(v)}
              onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
            />
          </label>
          <button type="button" className="link" onClick={() => write(entries.filter((_, j) => j !== i))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => write([...entries, [`attribute${entries.length + 1}`, '']])}>
        {t('canvas.update.add')}
      </button>
    </>
  );
}
