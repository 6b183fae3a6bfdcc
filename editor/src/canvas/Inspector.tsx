import { useEffect, useState } from 'react';
import { directoryRoutes, type Account, type Tag } from '@herald/api/contracts';
import { isRealtimeTriggerKind, triggerKinds, type NodeKind } from '@herald/engine';
import { call } from '../api/client';
import { stepLabel } from '../words/labels';
import { fieldsOf } from './steps/bind-field';
import { JourneySettingsForm } from './JourneySettingsForm';
import { stepForms } from './steps';
import { ModeSelect } from './steps/ModeSelect';
import { hasModes } from './steps/step-modes';
import { useCanvas } from './store';
import { useTranslation } from 'react-i18next';

/** The selected step's form, titled by its kind in words; the journey's settings when nothing is selected. */
export function Inspector({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  const node = useCanvas((s) => s.nodes.find((n) => n.selected));
  const realtime = useCanvas((s) => s.nodes.some((n) => isRealtimeTriggerKind(n.type!)));
  const batchFirst = useCanvas((s) => {
    const selected = s.nodes.find((n) => n.selected);
    return s.edges.some(
      (e) =>
        e.target === selected?.id &&
        s.nodes.some(
          (n) =>
            n.id === e.source &&
            (triggerKinds as readonly string[]).includes(n.type!) &&
            !isRealtimeTriggerKind(n.type as NodeKind),
        ),
    );
  });
  const update = useCanvas((s) => s.updateNodeData);
  const replaceData = useCanvas((s) => s.replaceNodeData);
  const settings = useCanvas((s) => s.settings);
  const setSettings = useCanvas((s) => s.setSettings);
  const [tags, setTags] = useState<Tag[]>([]);
  useEffect(() => {
    void call(directoryRoutes.tags)
      .then((t) => setTags(t.items))
      .catch(() => setTags([]));
  }, []);
  if (!node) {
    return (
      <aside className="inspector" data-testid="inspector">
        <p className="muted">{t('canvas.selectStep')}</p>
        <JourneySettingsForm settings={settings} onChange={setSettings} />
      </aside>
    );
  }
  const kind = node.type as NodeKind;
  const Form = stepForms[kind];
  const data = node.data as Record<string, unknown>;
  const set = (patch: Record<string, unknown>) => update(node.id, patch);
  const replace = (next: Record<string, unknown>) => replaceData(node.id, next);
  return (
    <aside className="inspector" data-testid="inspector">
      <h3>{stepLabel(kind)}</h3>
      {hasModes(kind) && <ModeSelect kind={kind} data={data} replace={replace} />}
      <Form
        key={node.id}
        data={data}
        set={set}
        field={fieldsOf(data, set)}
        replace={replace}
        ctx={{ accounts, tags, realtime, batchFirst, goal: Boolean(settings.goalEvent), nodeId: node.id }}
      />
    </aside>
  );
}
