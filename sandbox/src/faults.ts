import type { FastifyReply, FastifyRequest } from 'fastify';

/** How the sandbox misbehaves, per API family ('*' for all). Shares are 0..1. */
export interface FaultSpec {
  /** Share of calls answered 503 (not processed). */
  failShare?: number;
  /**
   * Share of calls that time out: the request is processed, but the answer is held for
   * `timeoutHoldMs` (default 20 s, past a client's timeout) and then the connection is dropped —
   * the ambiguous case where the provider has the message and the caller does not know it.
   */
  timeoutShare?: number;
  timeoutHoldMs?: number;
  /** Answer 429 with this Retry-After (seconds) until `throttleUntil` (ms epoch). */
  throttleSeconds?: number;
  throttleUntil?: number;
  latencyMs?: number;
  dropShare?: number;
}

/** What the faults did, by kind (for the fault suite's tallies). */
export interface FaultCounts {
  failed: number;
  timedOut: number;
  throttled: number;
  dropped: number;
}

/** Fault settings, settable in-process or through POST /_sandbox/faults. */
export class Faults {
  private specs = new Map<string, FaultSpec>();
  /** Deterministic pseudo-random stream so a fault run can be repeated. */
  private state = 0x2545f491;
  readonly counts: FaultCounts = { failed: 0, timedOut: 0, throttled: 0, dropped: 0 };

  set(family: string, spec: FaultSpec): void {
    this.specs.set(family, spec);
  }
  clear(): void {
    this.specs.clear();
  }
  snapshot(): Record<string, FaultSpec> {
    return Object.fromEntries(this.specs);
  }
  resetCounts(): void {
    Object.assign(this.counts, { failed: 0, timedOut: 0, throttled: 0, dropped: 0 });
  }

  private random(): number {
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return (this.state >>> 0) / 0x100000000;
  }

  /**
   * SMTP's share of failures (family 'email', `failShare`): a temporary refusal (451) the sender
   * should retry, decided per message; null when the message is to be taken.
   */
  smtpRefusal(): { code: number; message: string } | null {
    const spec = this.specs.get('email') ?? this.specs.get('*');
    if (!spec?.failShare || this.random() >= spec.failShare) return null;
    this.counts.failed++;
    return { code: 451, message: '451 4.3.0 Temporary system problem, try again later' };
  }

  /** Applies the faults for a family; returns true when it has answered (or dropped) the request. */
  async apply(family: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const spec = this.specs.get(family) ?? this.specs.get('*');
    if (!spec) return false;
    if (spec.latencyMs) await new Promise((r) => setTimeout(r, spec.latencyMs));
    if (spec.dropShare && this.random() < spec.dropShare) {
      this.counts.dropped++;
      request.raw.socket.destroy();
      return true;
    }
    if (spec.throttleSeconds && (spec.throttleUntil === undefined || Date.now() < spec.throttleUntil)) {
      this.counts.throttled++;
      await reply
        .status(429)
        .header('retry-after', String(spec.throttleSeconds))
        .send({ errcode: 45009, errmsg: 'reach max api daily quota limit / throttled' });
      return true;
    }
    if (spec.failShare && this.random() < spec.failShare) {
      this.counts.failed++;
      await reply.status(503).send({ errcode: -1, errmsg: 'system error' });
      return true;
    }
    if (spec.timeoutShare && this.random() < spec.timeoutShare) {
      this.counts.timedOut++;
      holdAnswer(reply, spec.timeoutHoldMs ?? 20_000);
    }
    return false;
  }
}

/** Lets the route run, then holds its answer and drops the connection instead of sending it. */
function holdAnswer(reply: FastifyReply, holdMs: number): void {
  const response = reply.raw;
  response.end = ((): typeof response => {
    setTimeout(() => response.socket?.destroy(), holdMs).unref();
    return response;
  }) as typeof response.end;
}
