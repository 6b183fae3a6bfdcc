import { useState } from 'react';
import { TextInput } from '../components/Field';

/** What a list's search box holds, and the `search` query parameter it makes: trimmed, none when blank. */
export function useSearch() {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  return { text, setText, query: trimmed ? { search: trimmed } : {} };
}

/** A list's search box, in its page head: named by `label`, with an example as its placeholder. */
export function SearchBox({
  search,
  label,
  placeholder,
}: {
  search: ReturnType<typeof useSearch>;
  label: string;
  placeholder: string;
}) {
  return <TextInput aria-label={label} placeholder={placeholder} value={search.text} onValue={search.setText} />;
}
