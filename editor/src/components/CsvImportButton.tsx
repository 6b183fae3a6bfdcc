import { useTranslation } from 'react-i18next';

/** "Import CSV": a button that picks one CSV file and hands it over (the same file may be picked again). */
export function CsvImportButton({ ariaLabel, onFile }: { ariaLabel: string; onFile(file: File | undefined): void }) {
  const { t } = useTranslation();
  return (
    <label className="button file-button">
      {t('employees.importCsv')}
      <input
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        aria-label={ariaLabel}
        onChange={(e) => {
          onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}
