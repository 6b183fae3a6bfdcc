import { describe, expect, it } from 'vitest';
import { configYaml, temporalPorts } from './temporal-config';

describe("the Temporal server's config for ./herald cluster", () => {
  const yaml = configYaml({
    adminUrl: 'postgres://ops:p%40ss%22word@db.internal:6432/postgres',
    names: { temporal: 'c_temporal', visibility: 'c_temporal_visibility' },
    ports: temporalPorts(7430),
    dynamicConfigFile: '/state/dynamic.yaml',
  });

  it('gives clients and the cluster metadata the same frontend address', () => {
    expect(yaml).toMatch(/frontend:\n {4}rpc:\n {6}grpcPort: 7430\n/);
    expect(yaml).toContain('rpcAddress: "127.0.0.1:7430"');
  });

  it('uses ten distinct ports, all below 32768 (the server stores them as smallint)', () => {
    const ports = [...yaml.matchAll(/(?:grpcPort|membershipPort|httpPort): (\d+)|127\.0\.0\.1:(\d+)"/g)].map((m) =>
      Number(m[1] ?? m[2]),
    );
    expect(new Set(Object.values(temporalPorts(7430))).size).toBe(10);
    expect(ports.every((p) => p >= 7430 && p <= 7439)).toBe(true);
  });

  it('points both stores at their databases with the credentials of the URL, quoted', () => {
    expect(yaml).toContain('databaseName: "c_temporal"\n');
    expect(yaml).toContain('databaseName: "c_temporal_visibility"\n');
    expect(yaml).toContain('connectAddr: "db.internal:6432"');
    expect(yaml).toContain('password: "p@ss\\"word"');
  });
});
