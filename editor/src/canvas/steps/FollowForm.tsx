import type { StepFormProps } from './types';

/** Starts the journey when someone follows a WeChat official account (only those have followers). */
export function FollowForm({ data, set, ctx }: StepFormProps) {
  const offered = ctx.accounts.filter(
    (a) => a.kind.startsWith('wechat') && (!a.disabled || a.id === data.channelAccountId),
  );
  return (
    <label>
      Official account
      <select
        aria-label="Official account"
        value={String(data.channelAccountId)}
        onChange={(e) => set({ channelAccountId: e.target.value })}
      >
        <option value="">Choose…</option>
        {offered.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      {offered.length === 0 && (
        <span className="help">
          Connect a WeChat official account on the <a href="#/channels">Channels</a> page first.
        </span>
      )}
    </label>
  );
}
