import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { capabilityOf, type Audience, type Message, type MethodId } from '@herald/engine';
import {
  accountRoutes,
  broadcastRoutes,
  workspaceRoutes,
  type Account,
  type BroadcastDetail,
  type QuietHours,
} from '@herald/api/contracts';
import { VariantsEditor, type VariantsValue } from '../components/VariantsEditor';
import { call, issuesOf } from '../api/client';
import { errorText, issueWords } from '../api/error-text';
import { AudienceBuilder } from '../components/AudienceBuilder';
import { useConfirm } from '../components/ConfirmDialog';
import { MessageComposer } from '../components/MessageComposer';
import { methodsOffered } from '../canvas/steps/methods-offered';
import { broadcastTypeLabel, channelLabel, methodLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';
import { SendTimeSection, sendTimeProblem, toLocalInput } from './broadcast/SendTimeSection';
import { useAudienceCount } from './broadcast/useAudienceCount';

/** An immediate send to more than this many asks first. */
const confirmAbove = 100;

/**
 * New broadcast, or one filled from another: `copyOf` opens a copy of it (content and audience kept,
 * the time to set; nothing is sent until the user creates it); `editOf` edits a pending broadcast or
 * a draft (account and method stay; a draft is sent when saved).
 */
export function NewBroadcastPage({ copyOf, editOf }: { copyOf?: string; editOf?: string }) {
  const { t } = useTranslation();
  const from = editOf ?? copyOf;
  const [start, setStart] = useState<BroadcastDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!from) return;
    void call(broadcastRoutes.get, { params: { id: from } })
      .then(setStart)
      .catch((e: unknown) => setError(errorText(e)));
  }, [from]);
  if (!from) return <BroadcastForm />;
  if (!start)
    return (
      <div className="page">
        {error ? (
          <p className="banner error" role="alert">
            {error}
          </p>
        ) : (
          <p className="loading">{t('common.loading')}</p>
        )}
      </div>
    );
  return editOf ? <BroadcastForm start={start} editing /> : <BroadcastForm start={start} />;
}

/** The broadcast form: method and type first, base info, audience with a live reachable count, messages, send time. */
function BroadcastForm({ start, editing = false }: { start?: BroadcastDetail; editing?: boolean }) {
  const { t } = useTranslation();
  const mode = editing ? 'edit' : start ? 'copy' : 'new';
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [accountId, setAccountId] = useState(start?.channelAccountId ?? '');
  const [method, setMethod] = useState<MethodId>(start?.method ?? 'wecom_group_msg');
  const [type, setType] = useState<'contacts' | 'group_chats'>(start?.type ?? 'contacts');
  const [name, setName] = useState(
    start ? (editing ? start.name : t('broadcasts.form.copyName', { name: start.name }).slice(0, 200)) : '',
  );
  const [groupName, setGroupName] = useState(start?.groupName ?? '');
  const [audience, setAudienceState] = useState<Audience>(
    start?.audience ?? { kind: 'tags', mode: 'any', tagIds: [], excludeTagIds: [] },
  );
  const setAudience = useCallback((a: Audience) => setAudienceState(a), []);
  const [messages, setMessages] = useState<Message[]>(start?.messages ?? [{ type: 'text', text: '' }]);
  // An edit keeps the time set; a copy's time is the user's to set again (a time of day in each zone is kept).
  const keptTime = editing && start?.sendType === 'timed' && start.sendAt ? new Date(start.sendAt) : null;
  const [timed, setTimed] = useState(keptTime !== null || start?.sendType === 'timed');
  const [localTime, setLocalTime] = useState<string | null>(
    start?.sendType === 'local_time' ? (start.localTime ?? null) : null,
  );
  // A copy and an edit keep the message's A/B test.
  const [experiment, setExperiment] = useState<VariantsValue>(
    start?.variants ? { variants: start.variants, ...(start.winner ? { winner: start.winner } : {}) } : {},
  );
  const [sendAt, setSendAt] = useState(toLocalInput(keptTime ?? new Date(Date.now() + 3600_000)));
  const [error, setError] = useState('');
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const { confirm, dialog } = useConfirm();
  useEffect(() => {
    void call(workspaceRoutes.settings)
      .then((s) => setQuiet(s.quietHours))
      .catch(() => setQuiet(null));
    void call(accountRoutes.list)
      .then((a) => {
        const usable = a.items.filter((x) => !x.disabled && methodsOffered(x.kind, false).length > 0);
        setAccounts(usable);
        if (usable[0]) setAccountId((id) => id || usable[0]!.id);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const account = accounts.find((a) => a.id === accountId);
  const methods = useMemo(() => (account ? methodsOffered(account.kind, false) : []), [account]);
  useEffect(() => {
    if (methods.length && !methods.some((m) => m.id === method)) setMethod(methods[0]!.id);
  }, [methods, method]);
  const capability = capabilityOf(method);
  useEffect(() => {
    if (!capability.types.includes(type)) setType(capability.types[0] ?? 'contacts');
  }, [capability, type]);
  const kinds = useMemo(
    () =>
      type === 'group_chats' ? ['group_chats' as const] : capability.audienceKinds.filter((k) => k !== 'group_chats'),
    [type, capability],
  );
  // A method sends only the message types it knows: keep what fits when the method changes.
  useEffect(() => {
    setMessages((ms) => {
      const kept = ms.filter((m) => capability.messageTypes.includes(m.type)).slice(0, capability.maxMessages);
      return kept.length > 0
        ? kept
        : [
            capability.messageTypes.includes('text')
              ? { type: 'text', text: '' }
              : { type: 'template', templateId: '', fields: [], data: {} },
          ];
    });
  }, [capability]);
  const count = useAudienceCount(accountId, method, audience);
  // An error from the last try is about what was sent then: any change starts afresh.
  useEffect(
    () => setError(''),
    [accountId, method, type, name, groupName, audience, messages, timed, sendAt, localTime, experiment],
  );
  // A winner is chosen in a first send; a local-time send waits before its message, so it keeps the shares.
  useEffect(() => {
    if (localTime !== null && experiment.winner) setExperiment((x) => ({ variants: x.variants }));
    if (type === 'group_chats' && experiment.variants) setExperiment({});
  }, [localTime, type, experiment.winner, experiment.variants]);

  const problems = [
    !accountId && t('timeline.timedSend.noAccount'),
    !name.trim() && t('broadcasts.form.needName'),
    capability.needsGroupName && !groupName.trim() && t('broadcasts.form.needGroupName'),
    sendTimeProblem(timed, sendAt),
    experiment.variants &&
      experiment.variants.reduce((sum, v) => sum + v.share, 0) !== 100 &&
      t('broadcasts.form.sharesOff'),
  ].filter((p): p is string => typeof p === 'string');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return;
    const reach = count?.reachable ?? 0;
    if (
      !timed &&
      reach > confirmAbove &&
      !(await confirm({
        title: t(type === 'group_chats' ? 'broadcasts.form.confirmChats' : 'broadcasts.form.confirmContacts', {
          count: reach,
        }),
        body: t('broadcasts.form.confirmBody', {
          name: name.trim(),
          account: account?.name ?? t('broadcasts.form.theAccount'),
        }),
        confirm: t('broadcasts.form.confirmSend', { n: formatNumber(reach) }),
      }))
    )
      return;
    try {
      if (editing && start) {
        const when = {
          sendType: timed ? ('timed' as const) : localTime !== null ? ('local_time' as const) : ('immediate' as const),
          ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
          ...(localTime !== null ? { localTime } : {}),
        };
        await call(broadcastRoutes.edit, {
          params: { id: start.id },
          body: {
            name: name.trim(),
            audience,
            messages,
            ...when,
            variants: experiment.variants ?? null,
            winner: experiment.winner ?? null,
          },
        });
        // A draft goes out once saved: now, or pending until its time.
        if (start.status === 'draft') await call(broadcastRoutes.send, { params: { id: start.id }, body: when });
        location.hash = `#/broadcasts/${start.id}`;
        return;
      }
      const created = await call(broadcastRoutes.create, {
        body: {
          name: name.trim(),
          channelAccountId: accountId,
          method,
          type,
          messages,
          audience,
          ...(capability.needsGroupName ? { groupName } : {}),
          sendType: timed ? 'timed' : localTime !== null ? 'local_time' : 'immediate',
          ...(timed ? { sendAt: new Date(sendAt).toISOString() } : {}),
          ...(localTime !== null ? { localTime } : {}),
          ...(experiment.variants ? { variants: experiment.variants } : {}),
          ...(experiment.winner ? { winner: experiment.winner } : {}),
        },
      });
      location.hash = `#/broadcasts/${created.id}`;
    } catch (err) {
      const issues = issuesOf(err);
      setError(issues.length ? issues.map(issueWords).join(' ') : errorText(err));
    }
  };

  return (
    <form className="page new-broadcast" onSubmit={(e) => void submit(e)}>
      <header className="page-head">
        <h2>{t(`broadcasts.form.title.${mode}`)}</h2>
      </header>
      <div className="form-grid">
        <section>
          <h3>{t('broadcasts.form.step1')}</h3>
          <label>
            {t('timeline.timedSend.account')}
            <select
              aria-label={t('timeline.timedSend.account')}
              value={accountId}
              disabled={editing}
              onChange={(e) => setAccountId(e.target.value)}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({channelLabel(a.kind)})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('broadcasts.columns.method')}
            <select
              aria-label={t('broadcasts.columns.method')}
              value={method}
              disabled={editing}
              onChange={(e) => setMethod(e.target.value as MethodId)}
            >
              {methods.map((m) => (
                <option key={m.id} value={m.id}>
                  {methodLabel(m.id)}
                </option>
              ))}
            </select>
          </label>
          {capability.types.length > 1 && (
            <label>
              {t('broadcasts.columns.type')}
              <select
                aria-label={t('broadcasts.columns.type')}
                value={type}
                disabled={editing}
                onChange={(e) => setType(e.target.value as typeof type)}
              >
                <option value="contacts">{broadcastTypeLabel('contacts')}</option>
                <option value="group_chats">{broadcastTypeLabel('group_chats')}</option>
              </select>
            </label>
          )}
          <h3>{t('broadcasts.form.step2')}</h3>
          <label>
            {t('broadcasts.columns.name')}
            <input
              aria-label={t('broadcasts.columns.name')}
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          {capability.needsGroupName && (
            <label>
              {t('broadcasts.form.groupName')}
              <input
                aria-label={t('broadcasts.form.groupName')}
                value={groupName}
                maxLength={100}
                onChange={(e) => setGroupName(e.target.value)}
              />
            </label>
          )}
          <h3>{t('broadcasts.form.step3')}</h3>
          <AudienceBuilder audience={audience} kinds={kinds} accounts={accounts} onChange={setAudience} />
          <p className="muted" data-testid="audience-count">
            {count
              ? t(type === 'group_chats' ? 'broadcasts.form.reachableChats' : 'broadcasts.form.reachable', {
                  reachable: formatNumber(count.reachable),
                  count: count.audience,
                }) +
                (count.sendable < count.reachable
                  ? t('broadcasts.form.sendable', { n: formatNumber(count.sendable) })
                  : '')
              : t('segments.counting')}
          </p>
          <SendTimeSection
            timed={timed}
            sendAt={sendAt}
            quiet={quiet}
            onTimed={setTimed}
            onSendAt={setSendAt}
            localTime={localTime}
            onLocalTime={setLocalTime}
          />
        </section>
        <section>
          <h3>{t('broadcasts.form.step5')}</h3>
          <MessageComposer
            accountId={accountId}
            accountKind={account?.kind ?? ''}
            method={method}
            messages={messages}
            onChange={setMessages}
          />
          {type === 'contacts' && (
            <VariantsEditor
              value={experiment}
              messages={messages}
              onChange={setExperiment}
              composer={(ms, onChange, label) => (
                <MessageComposer
                  accountId={accountId}
                  accountKind={account?.kind ?? ''}
                  method={method}
                  messages={ms}
                  onChange={onChange}
                  label={label}
                />
              )}
              winnerAllowed={localTime === null}
              conversions={false}
              winnerWhy={t('broadcasts.form.localKeepsShares')}
            />
          )}
          {error && (
            <p className="banner error" role="alert">
              {error}
            </p>
          )}
          {problems.length > 0 && (
            <ul className="problems" data-testid="create-problems" aria-label={t('broadcasts.form.before')}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <button className="primary" type="submit" disabled={problems.length > 0}>
            {t(`broadcasts.form.submit.${mode}`)}
          </button>
        </section>
      </div>
      {dialog}
    </form>
  );
}
