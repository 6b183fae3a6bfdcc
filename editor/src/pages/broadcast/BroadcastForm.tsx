import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { capabilityOf, type Audience, type Message, type MethodId } from '@herald/engine';
import { workspaceRoutes, type BroadcastDetail, type QuietHours } from '@herald/api/contracts';
import { call } from '../../api/client';
import { saveErrorText } from '../../api/error-text';
import { AudienceBuilder } from '../../components/AudienceBuilder';
import { ErrorBanner } from '../../components/Banner';
import { useConfirm } from '../../components/ConfirmDialog';
import { InputField, SelectField } from '../../components/Field';
import { VariantsEditor, type VariantsValue } from '../../components/VariantsEditor';
import { formatNumber } from '../../i18n/format';
import { broadcastTypeLabel } from '../../words/labels';
import { useTranslation } from 'react-i18next';
import { AudienceCountLine } from './AudienceCountLine';
import { saveBroadcast } from './save-broadcast';
import { SendComposer, SendThroughFields } from './SendThroughFields';
import { SendTimeSection, sendTimeProblem, toLocalInput, type SendTime } from './SendTimeSection';
import { useAudienceCount } from './useAudienceCount';
import { useSendAccounts } from './useSendAccounts';
import { PageHead } from '../../components/PageHead';

/** An immediate send to more than this many asks first. */
const confirmAbove = 100;

type BroadcastType = 'contacts' | 'group_chats';

/**
 * The broadcast form: method and type first, base info, audience with a live reachable count, messages,
 * send time. Filled from `start` for a copy, or for an edit when `editing` (account, method and type stay).
 */
export function BroadcastForm({ start, editing = false }: { start?: BroadcastDetail; editing?: boolean }) {
  const { t } = useTranslation();
  const mode = editing ? 'edit' : start ? 'copy' : 'new';
  const [error, setError] = useState('');
  const through = useSendAccounts<MethodId>({
    accountId: start?.channelAccountId ?? '',
    method: start?.method ?? 'wecom_group_msg',
    onError: setError,
  });
  const { accounts, account, accountId, method } = through;
  const [type, setType] = useState<BroadcastType>(start?.type ?? 'contacts');
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
  const [time, setTime] = useState<SendTime>(() => ({
    timed: keptTime !== null || start?.sendType === 'timed',
    sendAt: toLocalInput(keptTime ?? new Date(Date.now() + 3600_000)),
    localTime: start?.sendType === 'local_time' ? (start.localTime ?? null) : null,
  }));
  const { timed, sendAt, localTime } = time;
  // A copy and an edit keep the message's A/B test.
  const [experiment, setExperiment] = useState<VariantsValue>(
    start?.variants ? { variants: start.variants, ...(start.winner ? { winner: start.winner } : {}) } : {},
  );
  const [quiet, setQuiet] = useState<QuietHours | null>(null);
  const { confirm, dialog } = useConfirm();
  useEffect(() => {
    void call(workspaceRoutes.settings)
      .then((s) => setQuiet(s.quietHours))
      .catch(() => setQuiet(null));
  }, []);
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
      const id = await saveBroadcast(
        {
          name: name.trim(),
          accountId,
          method,
          type,
          messages,
          audience,
          groupName: capability.needsGroupName ? groupName : null,
          sendAt: timed ? sendAt : null,
          localTime,
          experiment,
        },
        editing ? start : undefined,
      );
      location.hash = `#/broadcasts/${id}`;
    } catch (err) {
      setError(saveErrorText(err));
    }
  };
  const composer = (ms: Message[], onChange: (ms: Message[]) => void, label?: string) => (
    <SendComposer
      through={through}
      method={method}
      messages={ms}
      onChange={onChange}
      {...(label !== undefined ? { label } : {})}
    />
  );

  // The broadcast's texts in step 2: its name, and the group's where the method creates a group chat.
  const texts = [
    { words: t('broadcasts.columns.name'), input: { value: name, maxLength: 200, onValue: setName } },
    ...(capability.needsGroupName
      ? [{ words: t('broadcasts.form.groupName'), input: { value: groupName, maxLength: 100, onValue: setGroupName } }]
      : []),
  ];
  return (
    <form className="page new-broadcast" onSubmit={(e) => void submit(e)}>
      <PageHead title={t(`broadcasts.form.title.${mode}`)} />
      <div className="form-grid">
        <section>
          <h3>{t('broadcasts.form.step1')}</h3>
          <SendThroughFields through={through} methodWord={t('broadcasts.columns.method')} fixed={editing} />
          {capability.types.length > 1 && (
            <SelectField<BroadcastType>
              label={t('broadcasts.columns.type')}
              aria-label={t('broadcasts.columns.type')}
              value={type}
              disabled={editing}
              options={(['contacts', 'group_chats'] as const).map((k) => ({ value: k, label: broadcastTypeLabel(k) }))}
              onValue={setType}
            />
          )}
          <h3>{t('broadcasts.form.step2')}</h3>
          {texts.map((f) => (
            <InputField key={f.words} label={f.words} aria-label={f.words} {...f.input} />
          ))}
          <h3>{t('broadcasts.form.step3')}</h3>
          <AudienceBuilder audience={audience} kinds={kinds} accounts={accounts} onChange={setAudience} />
          <AudienceCountLine count={count} chats={type === 'group_chats'} />
          <SendTimeSection time={time} quiet={quiet} onChange={setTime} />
        </section>
        <section>
          <h3>{t('broadcasts.form.step5')}</h3>
          {composer(messages, setMessages)}
          {type === 'contacts' && (
            <VariantsEditor
              value={experiment}
              messages={messages}
              onChange={setExperiment}
              composer={composer}
              winnerAllowed={localTime === null}
              conversions={false}
              winnerWhy={t('broadcasts.form.localKeepsShares')}
            />
          )}
          <ErrorBanner text={error} />
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
