import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directoryRoutes, type RouteInput, type RouteOutput } from '@herald/api/contracts';
import { call } from '../../api/client';
import { errorText, formProblems } from '../../api/error-text';
import { useFields } from '../../lists/useFields';
import { useList } from '../../lists/useList';

/**
 * The WeCom directory's lists, each with its words under one namespace of the catalogue: the route
 * that reads it, the one that adds a row by hand (its text fields, named by the words of their problems)
 * and the one that syncs it from a WeCom account.
 */
const directories = {
  employees: {
    read: directoryRoutes.employees,
    add: directoryRoutes.createEmployee,
    sync: directoryRoutes.syncEmployees,
    fields: { wecomUserId: 'employees.userIdField', name: 'channels.form.nameField' },
  },
  groupChats: {
    read: directoryRoutes.groupChats,
    add: directoryRoutes.createGroupChat,
    sync: directoryRoutes.syncGroupChats,
    fields: { chatId: 'groupChats.chatIdField', name: 'channels.form.nameField' },
  },
} as const;

type Directory = typeof directories;
type Body<W extends keyof Directory> = RouteInput<Directory[W]['add']>['body'];
type Row<W extends keyof Directory> = RouteOutput<Directory[W]['read']>['items'][number];

/**
 * One directory list: its rows (read when the page opens and after each change), its add form's text
 * fields (`field`) and the form's words, problems and submit (`form`, with what the form adds besides
 * its text fields), and its sync for a WeCom account, which answers what it did in a sentence.
 * Adding says so (or what failed) through `say`.
 */
export function useDirectory<W extends keyof Directory>(
  words: W,
  say: (message: { kind: 'ok' | 'error'; text: string }) => void,
) {
  const { t } = useTranslation();
  // The catalogue checks t()'s keys, which a generic namespace does not narrow: the keys are read through the union.
  const ns: keyof Directory = words;
  const spec: Directory[keyof Directory] = directories[words];
  const empty = Object.fromEntries(Object.keys(spec.fields).map((k) => [k, ''])) as Record<
    keyof Directory[W]['fields'] & string,
    string
  >;
  const draft = useFields(empty);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const { items, reload } = useList<Row<W>>(
    () => call(spec.read).then((r) => r.items as unknown as Row<W>[]),
    (text) => say({ kind: 'error', text }),
  );
  const labels = Object.fromEntries(Object.entries(spec.fields).map(([k, key]) => [k, t(key)]));
  const add = async (extra: Partial<Body<W>>) => {
    const trimmed = Object.fromEntries(Object.entries(draft.values).map(([k, v]) => [k, v.trim()]));
    const body = { ...trimmed, ...extra } as Body<W> & { name: string };
    const found = formProblems(spec.add.body, body, labels);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await call(spec.add, { body } as RouteInput<typeof spec.add>);
      draft.reset();
      say({ kind: 'ok', text: t(`${ns}.added`, { name: body.name }) });
      void reload();
    } catch (err) {
      say({ kind: 'error', text: errorText(err) });
    }
  };
  const form = (extra: Partial<Body<W>> = {}) => ({
    label: t(`${ns}.addLabel`),
    submit: t(`${ns}.add`),
    problems,
    onSubmit: () => add(extra),
  });
  const sync = async (channelAccountId: string) => {
    const r = await call(spec.sync, { body: { channelAccountId } });
    void reload();
    return t(`${ns}.synced`, { created: r.created, updated: r.updated });
  };
  return { items, reload, field: draft.field, form, sync };
}
