// Inspector forms for the steps other than sends: triggers with an audience, waits until a time,
// splits with their conditions, actions, and the journey's own settings. Each writes exactly the
// engine's schema for its kind, so the validator (same code as the server) judges what is drawn.
import { useState } from 'react';
import type { Audience, AudienceKind, Condition, JourneySettings, PropertyFilter } from '@herald/engine';
import type { Account } from '../api/client';
import { AudienceBuilder, Chips, toggle } from '../components/AudienceBuilder';

type Tag = { id: string; name: string };
type Data = Record<string, unknown>;
const allAudienceKinds: readonly AudienceKind[] = ['all', 'tags', 'accounts', 'contacts', 'select_all', 'chat_numbers'];

/** datetime-local value ↔ ISO instant (local time of the marketer's browser). */
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (value: string) => {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
};

/** The comparison operators of conditions and event filters, in words. */
function OperatorSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(op: PropertyFilter['op']): void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as PropertyFilter['op'])}>
      <option value="eq">equal to</option>
      <option value="neq">not equal to</option>
      <option value="contains">containing</option>
      <option value="gt">more than</option>
      <option value="lt">less than</option>
      <option value="exists">set</option>
    </select>
  );
}

/** A typed value: a number for more/less than when the text is one, else the text. */
const comparedValue = (op: PropertyFilter['op'], text: string): string | number =>
  (op === 'gt' || op === 'lt') && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;

/** One condition of a split: a tag, an attribute, a past event, or a recent interaction with an account. */
export function ConditionEditor({
  condition,
  tags,
  accounts,
  onChange,
  label,
}: {
  condition: Condition;
  tags: Tag[];
  accounts: Account[];
  onChange(c: Condition): void;
  label: string;
}) {
  const switchKind = (kind: Condition['kind']) =>
    onChange(
      kind === 'has_tag'
        ? { kind, tagId: tags[0]?.id ?? '' }
        : kind === 'attribute'
          ? { kind, key: '', op: 'eq', value: '' }
          : kind === 'event_happened'
            ? { kind, eventName: '' }
            : kind === 'message'
              ? { kind, nodeId: '', status: 'read' }
              : { kind, channelAccountId: accounts[0]?.id ?? '', withinHours: 48 },
    );
  return (
    <fieldset className="condition" aria-label={label}>
      <label>
        If the contact
        <select
          aria-label={`${label}: kind`}
          value={condition.kind}
          onChange={(e) => switchKind(e.target.value as Condition['kind'])}
        >
          <option value="has_tag">has a tag</option>
          <option value="attribute">has an attribute</option>
          <option value="event_happened">did an event</option>
          <option value="interacted">interacted with an account</option>
        </select>
      </label>
      {condition.kind === 'has_tag' && (
        <label>
          Tag
          <select
            aria-label={`${label}: tag`}
            value={condition.tagId}
            onChange={(e) => onChange({ ...condition, tagId: e.target.value })}
          >
            <option value="">Choose…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {condition.kind === 'attribute' && (
        <div className="row">
          <label>
            Attribute
            <input
              aria-label={`${label}: attribute`}
              value={condition.key}
              onChange={(e) => onChange({ ...condition, key: e.target.value })}
            />
          </label>
          <label>
            Is
            <OperatorSelect
              label={`${label}: operator`}
              value={condition.op}
              onChange={(op) => onChange({ ...condition, op })}
            />
          </label>
          {condition.op !== 'exists' && (
            <label>
              Value
              <input
                aria-label={`${label}: value`}
                value={String(condition.value ?? '')}
                onChange={(e) => onChange({ ...condition, value: comparedValue(condition.op, e.target.value) })}
              />
            </label>
          )}
        </div>
      )}
      {condition.kind === 'event_happened' && (
        <div className="row">
          <label>
            Event
            <input
              aria-label={`${label}: event`}
              value={condition.eventName}
              onChange={(e) => onChange({ ...condition, eventName: e.target.value })}
            />
          </label>
          <label>
            Within hours
            <input
              type="number"
              min={1}
              aria-label={`${label}: within hours`}
              value={condition.withinHours ?? ''}
              onChange={(e) => {
                const { withinHours: _, ...rest } = condition;
                onChange(e.target.value ? { ...rest, withinHours: Number(e.target.value) } : rest);
              }}
              placeholder="ever"
            />
          </label>
        </div>
      )}
      {condition.kind === 'interacted' && (
        <div className="row">
          <label>
            Account
            <select
              aria-label={`${label}: account`}
              value={condition.channelAccountId}
              onChange={(e) => onChange({ ...condition, channelAccountId: e.target.value })}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Within hours
            <input
              type="number"
              min={1}
              aria-label={`${label}: within hours`}
              value={condition.withinHours}
              onChange={(e) => onChange({ ...condition, withinHours: Number(e.target.value) })}
            />
          </label>
        </div>
      )}
    </fieldset>
  );
}

/** Filters on an event's properties (all must hold): property, operator, value. */
export function PropertyFilters({
  filters,
  onChange,
}: {
  filters: PropertyFilter[];
  onChange(f: PropertyFilter[]): void;
}) {
  const setAt = (i: number, f: PropertyFilter) => onChange(filters.map((x, j) => (j === i ? f : x)));
  return (
    <div className="filters" aria-label="Event filters">
      {filters.map((f, i) => (
        <div className="row" key={i}>
          <label>
            Property
            <input
              aria-label={`Filter ${i + 1} property`}
              value={f.property}
              onChange={(e) => setAt(i, { ...f, property: e.target.value })}
            />
          </label>
          <label>
            Is
            <OperatorSelect label={`Filter ${i + 1} operator`} value={f.op} onChange={(op) => setAt(i, { ...f, op })} />
          </label>
          {f.op !== 'exists' && (
            <label>
              Value
              <input
                aria-label={`Filter ${i + 1} value`}
                value={String(f.value ?? '')}
                onChange={(e) => setAt(i, { ...f, value: comparedValue(f.op, e.target.value) })}
              />
            </label>
          )}
          <button type="button" className="link" onClick={() => onChange(filters.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {filters.length < 20 && (
        <button
          type="button"
          onClick={() => onChange([...filters, { property: `property${filters.length + 1}`, op: 'eq', value: '' }])}
        >
          + Filter
        </button>
      )}
    </div>
  );
}

/** The form of a step that is not a send (null for kinds the inspector handles itself). */
export function StepForm({
  kind,
  data,
  tags,
  accounts,
  set,
  replace,
}: {
  kind: string;
  data: Data;
  tags: Tag[];
  accounts: Account[];
  set(patch: Data): void;
  replace(data: Data): void;
}) {
  const [nextBranch, setNextBranch] = useState(1);
  switch (kind) {
    case 'audience':
      return (
        <AudienceBuilder
          audience={data.audience as Audience}
          kinds={allAudienceKinds}
          accounts={accounts}
          onChange={(audience) => set({ audience })}
        />
      );
    case 'schedule': {
      const audience = data.audience as Audience;
      return (
        <>
          <label>
            Runs
            <select
              aria-label="Schedule"
              value={String(data.mode)}
              onChange={(e) =>
                replace(
                  e.target.value === 'once'
                    ? { mode: 'once', at: new Date(Date.now() + 3600_000).toISOString(), audience }
                    : {
                        mode: 'recurring',
                        every: 'week',
                        time: '09:00',
                        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                        weekday: 1,
                        audience,
                      },
                )
              }
            >
              <option value="once">once</option>
              <option value="recurring">again and again</option>
            </select>
          </label>
          {data.mode === 'once' ? (
            <label>
              At
              <input
                type="datetime-local"
                aria-label="Schedule at"
                value={toLocal(String(data.at))}
                onChange={(e) => set({ at: fromLocal(e.target.value) })}
              />
            </label>
          ) : (
            <div className="row">
              <label>
                Every
                <select
                  aria-label="Every"
                  value={String(data.every)}
                  onChange={(e) => {
                    const every = e.target.value;
                    const { weekday: _w, dayOfMonth: _d, ...rest } = data;
                    replace({
                      ...rest,
                      every,
                      ...(every === 'week' ? { weekday: 1 } : every === 'month' ? { dayOfMonth: 1 } : {}),
                    });
                  }}
                >
                  <option value="day">day</option>
                  <option value="week">week</option>
                  <option value="month">month</option>
                </select>
              </label>
              {data.every === 'week' && (
                <label>
                  On
                  <select
                    aria-label="Weekday"
                    value={Number(data.weekday ?? 1)}
                    onChange={(e) => set({ weekday: Number(e.target.value) })}
                  >
                    {['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((d, i) => (
                      <option key={d} value={i}>
                        {d}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {data.every === 'month' && (
                <label>
                  Day
                  <input
                    type="number"
                    min={1}
                    max={28}
                    aria-label="Day of month"
                    value={Number(data.dayOfMonth ?? 1)}
                    onChange={(e) => set({ dayOfMonth: Number(e.target.value) })}
                  />
                </label>
              )}
              <label>
                At
                <input
                  type="time"
                  aria-label="Schedule time"
                  value={String(data.time)}
                  onChange={(e) => set({ time: e.target.value })}
                />
              </label>
              <label>
                Time zone
                <input
                  aria-label="Schedule time zone"
                  value={String(data.timezone)}
                  onChange={(e) => set({ timezone: e.target.value })}
                />
              </label>
            </div>
          )}
          <AudienceBuilder
            audience={audience}
            kinds={allAudienceKinds}
            accounts={accounts}
            onChange={(a) => set({ audience: a })}
          />
        </>
      );
    }
    case 'wait_until':
      return (
        <>
          <label>
            Until
            <select
              aria-label="Wait until"
              value={String(data.mode)}
              onChange={(e) =>
                replace(
                  e.target.value === 'datetime'
                    ? { mode: 'datetime', at: new Date(Date.now() + 86_400_000).toISOString() }
                    : { mode: 'time_of_day', time: '09:00', timezone: 'contact' },
                )
              }
            >
              <option value="time_of_day">a time of day</option>
              <option value="datetime">a date and time</option>
            </select>
          </label>
          {data.mode === 'datetime' ? (
            <label>
              At
              <input
                type="datetime-local"
                aria-label="Wait until at"
                value={toLocal(String(data.at))}
                onChange={(e) => set({ at: fromLocal(e.target.value) })}
              />
            </label>
          ) : (
            <div className="row">
              <label>
                Time
                <input
                  type="time"
                  aria-label="Wait until time"
                  value={String(data.time)}
                  onChange={(e) => set({ time: e.target.value })}
                />
              </label>
              <label>
                Time zone
                <input
                  aria-label="Wait until time zone"
                  value={String(data.timezone)}
                  onChange={(e) => set({ timezone: e.target.value })}
                  title="'contact' means each contact's own"
                />
              </label>
            </div>
          )}
        </>
      );
    case 'split': {
      const toBranches = () =>
        replace({
          mode: 'branches',
          branches: [
            {
              id: 'b1',
              label: 'First',
              condition: (data.condition as Condition | undefined) ?? { kind: 'has_tag', tagId: '' },
            },
          ],
        });
      const toYesNo = () =>
        replace({
          mode: 'yes_no',
          condition: (data.branches as Array<{ condition: Condition }> | undefined)?.[0]?.condition ?? {
            kind: 'has_tag',
            tagId: '',
          },
        });
      const branches = (data.branches ?? []) as Array<{ id: string; label: string; condition: Condition }>;
      return (
        <>
          <label>
            Split by
            <select
              aria-label="Split mode"
              value={String(data.mode)}
              onChange={(e) => (e.target.value === 'yes_no' ? toYesNo() : toBranches())}
            >
              <option value="yes_no">yes / no</option>
              <option value="branches">several branches</option>
            </select>
          </label>
          {data.mode === 'yes_no' ? (
            <ConditionEditor
              label="Condition"
              condition={data.condition as Condition}
              tags={tags}
              accounts={accounts}
              onChange={(condition) => set({ condition })}
            />
          ) : (
            <>
              {branches.map((b, i) => (
                <div key={b.id} className="branch">
                  <label>
                    Branch
                    <input
                      aria-label={`Branch ${i + 1} label`}
                      value={b.label}
                      maxLength={100}
                      onChange={(e) =>
                        set({ branches: branches.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })
                      }
                    />
                  </label>
                  <ConditionEditor
                    label={`Branch ${i + 1}`}
                    condition={b.condition}
                    tags={tags}
                    accounts={accounts}
                    onChange={(condition) =>
                      set({ branches: branches.map((x, j) => (j === i ? { ...x, condition } : x)) })
                    }
                  />
                  {branches.length > 1 && (
                    <button
                      type="button"
                      className="link"
                      onClick={() => set({ branches: branches.filter((_, j) => j !== i) })}
                    >
                      Remove branch
                    </button>
                  )}
                </div>
              ))}
              {branches.length < 10 && (
                <button
                  type="button"
                  onClick={() => {
                    const id = `b${branches.length + nextBranch}`;
                    setNextBranch((n) => n + 1);
                    set({
                      branches: [
                        ...branches,
                        {
                          id: branches.some((b) => b.id === id) ? `${id}x` : id,
                          label: `Branch ${branches.length + 1}`,
                          condition: { kind: 'has_tag', tagId: '' },
                        },
                      ],
                    });
                  }}
                >
                  + Branch
                </button>
              )}
              <p className="muted">Contacts matching no branch take the “else” path.</p>
            </>
          )}
        </>
      );
    }
    case 'tag': {
      const tagIds = (data.tagIds ?? []) as string[];
      return (
        <>
          <label>
            Action
            <select
              aria-label="Tag action"
              value={String(data.action)}
              onChange={(e) => set({ action: e.target.value })}
            >
              <option value="add">Add tags</option>
              <option value="remove">Remove tags</option>
            </select>
          </label>
          <Chips
            label="Tags to change"
            items={tags}
            selected={tagIds}
            onToggle={(id) => set({ tagIds: toggle(tagIds, id) })}
          />
        </>
      );
    }
    case 'update_contact': {
      const entries = Object.entries((data.set ?? {}) as Record<string, string | number | boolean | null>);
      const write = (next: Array<[string, string | number | boolean | null]>) =>
        set({ set: Object.fromEntries(next.filter(([k]) => k !== '')) });
      return (
        <>
          {entries.map(([k, v], i) => (
            <div className="row" key={i}>
              <label>
                Attribute
                <input
                  aria-label={`Attribute ${i + 1}`}
                  value={k}
                  onChange={(e) => write(entries.map((x, j) => (j === i ? [e.target.value, x[1]] : x)))}
                />
              </label>
              <label>
                Value
                <input
                  aria-label={`Value ${i + 1}`}
                  value={v === null ? '' : String(v)}
                  onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.target.value] : x)))}
                />
              </label>
              <button type="button" className="link" onClick={() => write(entries.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => write([...entries, [`attribute${entries.length + 1}`, '']])}>
            + Attribute
          </button>
        </>
      );
    }
    case 'webhook':
      return (
        <>
          <label>
            URL
            <input
              aria-label="Webhook URL"
              value={String(data.url)}
              onChange={(e) => set({ url: e.target.value })}
              placeholder="https://…"
            />
          </label>
          <label>
            Method
            <select
              aria-label="Webhook method"
              value={String(data.method ?? 'POST')}
              onChange={(e) => set({ method: e.target.value })}
            >
              <option>POST</option>
              <option>PUT</option>
            </select>
          </label>
          <label>
            Body
            <textarea
              aria-label="Webhook body"
              value={String(data.body ?? '')}
              rows={4}
              onChange={(e) => set({ body: e.target.value })}
            />
          </label>
        </>
      );
    case 'event':
    case 'wait_for_event':
      return (
        <PropertyFilters filters={(data.filters ?? []) as PropertyFilter[]} onChange={(filters) => set({ filters })} />
      );
    case 'exit':
      return <p className="muted">Contacts leave the journey here.</p>;
    default:
      return null;
  }
}

/** The journey's own settings, shown when no step is selected. */
export function JourneySettingsForm({
  settings,
  onChange,
}: {
  settings: JourneySettings;
  onChange(s: JourneySettings): void;
}) {
  const reentry = settings.reentry;
  const quiet = settings.quietHours;
  const cap = settings.frequencyCap;
  const without = <K extends keyof JourneySettings>(key: K): JourneySettings => {
    const { [key]: _, ...rest } = settings;
    return rest as JourneySettings;
  };
  return (
    <div className="journey-settings" data-testid="journey-settings">
      <h3>Journey settings</h3>
      <label>
        A contact may enter
        <select
          aria-label="Re-entry"
          value={reentry.mode}
          onChange={(e) =>
            onChange({
              ...settings,
              reentry:
                e.target.value === 'after'
                  ? { mode: 'after', days: 30 }
                  : { mode: e.target.value as 'never' | 'always' },
            })
          }
        >
          <option value="never">once</option>
          <option value="after">again after some days</option>
          <option value="always">every time</option>
        </select>
      </label>
      {reentry.mode === 'after' && (
        <label>
          Days
          <input
            type="number"
            min={1}
            max={3650}
            aria-label="Re-entry days"
            value={reentry.days}
            onChange={(e) => onChange({ ...settings, reentry: { mode: 'after', days: Number(e.target.value) } })}
          />
        </label>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label="Journey quiet hours"
          checked={Boolean(quiet)}
          onChange={(e) =>
            onChange(
              e.target.checked
                ? {
                    ...settings,
                    quietHours: {
                      start: '21:00',
                      end: '08:00',
                      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
                    },
                  }
                : without('quietHours'),
            )
          }
        />{' '}
        Hold sends during quiet hours
      </label>
      {quiet && (
        <div className="row">
          <label>
            From
            <input
              type="time"
              aria-label="Journey quiet from"
              value={quiet.start}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, start: e.target.value } })}
            />
          </label>
          <label>
            To
            <input
              type="time"
              aria-label="Journey quiet until"
              value={quiet.end}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, end: e.target.value } })}
            />
          </label>
          <label>
            Time zone
            <input
              aria-label="Journey quiet time zone"
              value={quiet.timezone}
              onChange={(e) => onChange({ ...settings, quietHours: { ...quiet, timezone: e.target.value } })}
            />
          </label>
        </div>
      )}
      <label className="inline">
        <input
          type="checkbox"
          aria-label="Journey frequency cap"
          checked={Boolean(cap)}
          onChange={(e) =>
            onChange(
              e.target.checked ? { ...settings, frequencyCap: { limit: 1, period: 'week' } } : without('frequencyCap'),
            )
          }
        />{' '}
        Limit this journey's messages to a contact
      </label>
      {cap && (
        <div className="row">
          <label>
            At most
            <input
              type="number"
              min={1}
              aria-label="Journey cap limit"
              value={cap.limit}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, limit: Math.max(1, Number(e.target.value) || 1) } })
              }
            />
          </label>
          <label>
            Per
            <select
              aria-label="Journey cap period"
              value={cap.period}
              onChange={(e) =>
                onChange({ ...settings, frequencyCap: { ...cap, period: e.target.value as typeof cap.period } })
              }
            >
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
        </div>
      )}
      <label>
        Goal event (contacts who do it leave)
        <input
          aria-label="Goal event"
          value={settings.goalEvent ?? ''}
          maxLength={128}
          onChange={(e) => onChange(e.target.value ? { ...settings, goalEvent: e.target.value } : without('goalEvent'))}
        />
      </label>
    </div>
  );
}
