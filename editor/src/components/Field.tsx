import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'children'>;
type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'children'>;

/** A field's value as its input shows it, and the writer of what is typed or chosen there. */
export interface Bound {
  value: string;
  onValue(text: string): void;
}

/** An input whose change hands over the new text (its other attributes as given). */
export function TextInput({ onValue, ...input }: InputProps & { onValue(value: string): void }) {
  return <input {...input} onChange={(e) => onValue(e.target.value)} />;
}

/**
 * A labelled input: the label's words, the input (its attributes as given), then what follows it
 * (help, the field's problem). A change hands over the new text.
 */
export function InputField({
  label,
  onValue,
  children,
  ...input
}: InputProps & { label: ReactNode; onValue(value: string): void; children?: ReactNode }) {
  return (
    <label>
      {label}
      <TextInput {...input} onValue={onValue} />
      {children}
    </label>
  );
}

/** A labelled text area (its attributes as given); a change hands over the new text. */
export function TextAreaField({
  label,
  onValue,
  ...textarea
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'children'> & {
  label: ReactNode;
  onValue(value: string): void;
}) {
  return (
    <label>
      {label}
      <textarea {...textarea} onChange={(e) => onValue(e.target.value)} />
    </label>
  );
}

/** What a select offers: each option's value, its words, and whether it can be chosen now. */
export type Options<V extends string> = ReadonlyArray<{ value: V; label: ReactNode; disabled?: boolean }>;

/** The options of a list of named things (tags, accounts): each by its id, shown by its name. */
export const namedOptions = (items: readonly { id: string; name: string }[]): Options<string> =>
  items.map((item) => ({ value: item.id, label: item.name }));

/**
 * A select of the given options, after a first one with the empty value when `blank` gives its words
 * ("All tags", "No owner"); a change hands over the chosen value.
 */
export function Select<V extends string>({
  options,
  blank,
  onValue,
  ...select
}: SelectProps & { value: V; options: Options<V>; blank?: ReactNode; onValue(value: V): void }) {
  return (
    <select {...select} onChange={(e) => onValue(e.target.value as V)}>
      {blank !== undefined && <option value="">{blank}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A select between two choices standing for yes and no: each gives its option's value and words. */
export function YesNoSelect({
  value,
  yes,
  no,
  onValue,
  ...select
}: Omit<SelectProps, 'value'> & {
  value: boolean;
  yes: Options<string>[number];
  no: Options<string>[number];
  onValue(value: boolean): void;
}) {
  return (
    <Select
      {...select}
      value={value ? yes.value : no.value}
      options={[yes, no]}
      onValue={(v) => onValue(v === yes.value)}
    />
  );
}

/** A labelled select (see Select), then what follows it (help, a link to add what is missing). */
export function SelectField<V extends string>({
  label,
  children,
  ...select
}: SelectProps & {
  label: ReactNode;
  value: V;
  options: Options<V>;
  blank?: ReactNode;
  onValue(value: V): void;
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <Select {...select} />
      {children}
    </label>
  );
}

/** A checkbox with its words after it, on one line; a change hands over whether it is checked. */
export function CheckboxField({
  label,
  onChecked,
  ...input
}: Omit<InputProps, 'type'> & { label: ReactNode; checked: boolean; onChecked(checked: boolean): void }) {
  return (
    <label className="inline">
      <input type="checkbox" {...input} onChange={(e) => onChecked(e.target.checked)} /> {label}
    </label>
  );
}
