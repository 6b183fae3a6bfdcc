import { useRef, useState } from 'react';
import { contactRoutes, directoryRoutes, type ContactListItem, type Tag } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText } from '../../api/error-text';
import { useConfirm } from '../../components/ConfirmDialog';
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
  const { confirm, dialog } = useConfirm();
  const tagSelected = async () => {
    try {
      const wanted = tagName.trim();
      const tag =
        tags.find((x) => x.name === wanted) ?? (await call(directoryRoutes.createTag, { body: { name: wanted } }));
      await Promise.all(
        selected.map((c) => call(contactRoutes.tag, { params: { id: c.id }, body: { tagIds: [tag.id] } })),
      );
      setTagName('');
      onDone({
        kind: 'ok',
        text: t('contacts.tagged', { count: selected.length, tag: tag.name }),
      });
    } catch (error) {
      onDone({ kind: 'error', text: errorText(error) });
    }
  };
  const merge = async () => {
    const [a, b] = selected as [ContactListItem, ContactListItem];
    keep.current = 0;
    const ok = await confirm({
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
      danger: true,
    });
    if (!ok) return;
    const [kept, other] = keep.current === 0 ? [a, b] : [b, a];
    try {
      await call(contactRoutes.merge, { params: { id: kept.id }, body: { otherId: other.id } });
      onDone({ kind: 'ok', text: t('contacts.merged', { other: nameOf(other), into: nameOf(kept) }) });
    } catch (error) {
      onDone({ kind: 'error', text: errorText(error) });
    }
  };
  return (
    <div className="row toolbar">
      <input
        aria-label={t('contacts.tagName')}
        placeholder={t('contacts.tagName')}
        value={tagName}
        onChange={(e) => setTagName(e.target.value)}
      />
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
