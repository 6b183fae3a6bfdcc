import type { FastifyReply, FastifyRequest } from 'fastify';

/** How the sandbox misbehaves, per API family ('*' for all). Shares are 0..1. */
export interface FaultSpec {
  failShare?: number;
  /** Answer 429 with this Retry-After (seconds) until `throttleUntil` (ms epoch). */
  throttleSeconds?: number;
  throttleUntil?: number;
  latencyMs?: number;
  dropShare?: number;
}

/** Fault settings, settable in-process or through POST /_sandbox/faults. */
export class Faults {
  private specs = new Map<string, FaultSpec>();
  /** Deterministic pseudo-random stream so a fault run can be repeated. */
  private state = 0x2545f491;

  set(family: string, spec: FaultSpec): void { this.specs.set(family, spec); }
  clear(): void { this.specs.clear(); }
  snapshot(): Record<string, FaultSpec> { return Object.fromEntries(this.specs); }

  private random(): number {
    this.state ^= this.state << 13; this.state ^= this.state >>> 17; this.state ^= this.state << 5;
    return (this.state >>> 0) / 0x100000000;
  }

  /** Applies the faults for a family; returns true when it has answered (or dropped) the request. */
  async apply(family: string, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const spec = this.specs.get(family) ?? this.specs.get('*');
    if (!spec) return false;
    if (spec.latencyMs) await new Promise((r) => setTimeout(r, spec.latencyMs));
    if (spec.dropShare && this.random() < spec.dropShare) {
      request.raw.socket.destroy();
      return true;
    }
    if (spec.throttleSeconds && (spec.throttleUntil === undefined || Date.now() < spec.throttleUntil)) {
      await reply.status(429).header('retry-after', String(spec.throttleSeconds)).send({ errcode: 45009, errmsg: 'reach max api daily quota limit / throttled' });
      return true;
    }
    if (spec.failShare && this.random() < spec.failShare) {
      await reply.status(503).send({ errcode: -1, errmsg: 'system error' });
      return true;
    }
    return false;
  }
}
