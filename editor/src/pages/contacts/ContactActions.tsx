import { useRef, useState } from 'react';
import { contactRoutes, directoryRoutes, type ContactListItem, type Tag } from '@herald/api/contracts';
import { call } from '../../api/client';
import { usePageAction } from '../../components/usePageAction';
import { NamedInput } from '../../components/NamedInput';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n';

interface Props {
  selected: readonly ContactListItem[];
  tags: readonly Tag[];
  onDone(message: { kind: 'ok' | 'error'; text: string }): void;
}

const nameOf = (c: ContactListItem) => c.name || c.externalId || i18n.t('contacts.thisContact');

/** What can be done with the selected contacts: tag them, or merge two that are the same person. */
export function ContactActions({ selected, tags, onDone }: Props) {
  const { t } = useTranslation();
  const [tagName, setTagName] = useState('');
  // Which of the two stays: the dialog's radio writes it, the merge reads it after the dialog closed.
  const keep = useRef(0);
  const { run, dialog } = usePageAction(onDone);
  const tagSelected = () =>
    run(
      async () => {
        const wanted = tagName.trim();
        const tag =
          tags.find((x) => x.name === wanted) ?? (await call(directoryRoutes.createTag, { body: { name: wanted } }));
        await Promise.all(
          selected.map((c) => call(contactRoutes.tag, { params: { id: c.id }, body: { tagIds: [tag.id] } })),
        );
        setTagName('');
        return tag;
      },
      (tag) => t('contacts.tagged', { count: selected.length, tag: tag.name }),
    );
  const merge = () => {
    const [a, b] = selected as [ContactListItem, ContactListItem];
    keep.current = 0;
    return run(
      async () => {
        const [kept, other] = keep.current === 0 ? [a, b] : [b, a];
        await call(contactRoutes.merge, { params: { id: kept.id }, body: { otherId: other.id } });
        return { kept, other };
      },
      ({ kept, other }) => t('contacts.merged', { other: nameOf(other), into: nameOf(kept) }),
      {
        title: t('contacts.mergeTitle'),
        body: (
          <fieldset className="merge-choice">
            <legend>{t('contacts.mergeKeep')}</legend>
            {[a, b].map((c, i) => (
              <label key={c.id}>
                <input type="radio" name="keep" defaultChecked={i === 0} onChange={() => (keep.current = i)} />
                {nameOf(c)} {c.externalId ? `(${c.externalId})` : ''}
              </label>
            ))}
            <p className="muted">{t('contacts.mergeBody')}</p>
          </fieldset>
        ),
        confirm: t('merge.merge'),
      },
    );
  };
  return (
    <div className="row toolbar">
      <NamedInput label={t('contacts.tagName')} value={tagName} onValue={setTagName} />
      <button type="button" disabled={selected.length === 0 || !tagName.trim()} onClick={() => void tagSelected()}>
        {selected.length ? t('contacts.tagSelected', { n: selected.length }) : t('contacts.tagNone')}
      </button>
      <button
        type="button"
        disabled={selected.length !== 2}
        title={t('contacts.mergeHint')}
        onClick={() => void merge()}
      >
        {t('contacts.mergeSelected')}
      </button>
      {dialog}
    </div>
  );
}
