import type { ReactNode } from 'react';
import { winnerMetrics, type Message, type Variant, type Winner } from '@herald/engine';
import { DurationField } from '../canvas/steps/DurationField';
import { variantLabel, winnerMetricLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import { CheckboxField, InputField, SelectField } from './Field';

const maxVariants = 5;
const ids = ['a', 'b', 'c', 'd', 'e'];

/** Shares split evenly over `n` variants, in whole percents that make 100. */
const evenShares = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.floor(100 / n) + (i < 100 % n ? 1 : 0));

export interface VariantsValue {
  variants?: Variant[] | undefined;
  winner?: Winner | undefined;
}

/**
 * A message's A/B/n test: variants with their shares (the first is the message composed above), a
 * composer per further variant, and, where the engine can choose one (a broadcast's or an audience
 * journey's first message), a winner picked after a wait by a rate, sent to the rest of the audience.
 */
export function VariantsEditor({
  value,
  messages,
  onChange,
  composer,
  winnerAllowed,
  winnerWhy,
  conversions,
}: {
  value: VariantsValue;
  /** The step's own messages (variant A). */
  messages: Message[];
  onChange(next: VariantsValue): void;
  /** A composer for a variant's messages. */
  composer(messages: Message[], onChange: (messages: Message[]) => void, label: string): ReactNode;
  winnerAllowed: boolean;
  /** Why a winner cannot be chosen here (shown instead of the setting). */
  winnerWhy: string;
  /** Whether conversions are counted (a journey with a goal): only then can they choose the winner. */
  conversions: boolean;
}) {
  const { t } = useTranslation();
  const variants = value.variants ?? [];
  const set = (next: Variant[], winner = value.winner) =>
    onChange(next.length < 2 ? {} : { variants: next, ...(winner ? { winner } : {}) });
  if (variants.length < 2)
    return (
      <div className="variants">
        <button
          type="button"
          onClick={() =>
            set([
              { id: 'a', share: 50 },
              { id: 'b', share: 50, messages: messages.map((m) => ({ ...m })) },
            ])
          }
        >
          {t('composer.variants.add')}
        </button>
      </div>
    );
  const total = variants.reduce((sum, v) => sum + v.share, 0);
  const add = () => {
    const id = ids.find((x) => !variants.some((v) => v.id === x))!;
    const shares = evenShares(variants.length + 1);
    set(
      [...variants, { id, share: 0, messages: messages.map((m) => ({ ...m })) }].map((v, i) => ({
        ...v,
        share: shares[i]!,
      })),
    );
  };
  const remove = (id: string) => {
    const left = variants.filter((v) => v.id !== id);
    const shares = evenShares(left.length);
    set(left.map((v, i) => ({ ...v, share: shares[i]! })));
  };
  const patch = (id: string, p: Partial<Variant>) => set(variants.map((v) => (v.id === id ? { ...v, ...p } : v)));
  const winner = value.winner;
  return (
    <fieldset className="variants" data-testid="variants">
      <legend>{t('composer.variants.legend')}</legend>
      {variants.map((v, i) => (
        <div className="variant" key={v.id}>
          <div className="row">
            <strong>{variantLabel(v)}</strong>
            <InputField
              label={t('composer.variants.share')}
              type="number"
              min={0}
              max={100}
              aria-label={t('composer.variants.shareOf', { variant: variantLabel(v) })}
              value={v.share}
              onValue={(share) => patch(v.id, { share: Number(share) })}
            />
            {i > 0 && (
              <button
                type="button"
                onClick={() => remove(v.id)}
                aria-label={t('composer.variants.remove', { variant: variantLabel(v) })}
              >
                {t('common.remove')}
              </button>
            )}
          </div>
          {i === 0 ? (
            <p className="muted">{t('composer.variants.first', { variant: variantLabel(v) })}</p>
          ) : (
            composer(
              v.messages ?? [],
              (ms) => patch(v.id, { messages: ms }),
              t('composer.variants.message', { variant: variantLabel(v) }),
            )
          )}
        </div>
      ))}
      <p className={total === 100 ? 'muted' : 'field-error'} data-testid="variant-total">
        {total === 100 ? t('composer.variants.total100') : t('composer.variants.totalOff', { total })}
      </p>
      {variants.length < maxVariants && (
        <button type="button" onClick={add}>
          {t('composer.variants.addVariant')}
        </button>
      )}
      {winnerAllowed ? (
        <>
          <CheckboxField
            label={t('composer.variants.sendWinner')}
            checked={winner !== undefined}
            onChecked={(on) =>
              set(variants, on ? { metric: 'read', after: { amount: 4, unit: 'hours' }, testPercent: 20 } : undefined)
            }
          />
          {winner && (
            <div className="winner-settings">
              <InputField
                label={t('composer.variants.testOn')}
                type="number"
                min={1}
                max={99}
                aria-label={t('composer.variants.testShare')}
                value={winner.testPercent}
                onValue={(percent) => set(variants, { ...winner, testPercent: Number(percent) })}
              />
              <SelectField<Winner['metric']>
                label={t('composer.variants.winnerBy')}
                aria-label={t('composer.variants.winnerBy')}
                value={winner.metric}
                options={winnerMetrics
                  .filter((m) => conversions || m !== 'converted' || winner.metric === m)
                  .map((m) => ({ value: m, label: winnerMetricLabel(m) }))}
                onValue={(metric) => set(variants, { ...winner, metric })}
              />
              <DurationField
                label={t('composer.variants.after')}
                value={winner.after}
                onChange={(after) => set(variants, { ...winner, after })}
              />
              <p className="muted">
                {t('composer.variants.how', { percent: winner.testPercent, metric: winnerMetricLabel(winner.metric) })}
              </p>
            </div>
          )}
        </>
      ) : (
        <p className="muted">{winnerWhy}</p>
      )}
    </fieldset>
  );
}
