import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  assertPortFree,
  findTemporalBinaries,
  findTemporalCli,
  freePort,
  loadWorkflowBundle,
  pinnedTemporalBinDir,
  startTemporalDevServer,
  workflowBundleKey,
} from '@herald/runtime';

const tmp = (prefix: string): string => mkdtempSync(join(tmpdir(), `herald-${prefix}-`));

describe('the workflow bundle cache', () => {
  it('is hit on the second load and rebuilt for another key, even over an unreadable entry', async () => {
    const cacheDir = tmp('bundle');
    const first = await loadWorkflowBundle({ cacheDir });
    const second = await loadWorkflowBundle({ cacheDir });
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, path: first.path, code: first.code });

    writeFileSync(join(cacheDir, 'changed.js'), '');
    const changed = await loadWorkflowBundle({ cacheDir, key: 'changed' });
    expect(changed.cached).toBe(false);
    expect(readFileSync(changed.path, 'utf8')).toBe(changed.code);
    expect(changed.code).toContain('smokeSleep');
  });

  it('keys on file contents, so an edited engine file means a new bundle', () => {
    const src = tmp('src');
    mkdirSync(join(src, 'workflows'));
    writeFileSync(join(src, 'workflows/a.ts'), 'export const a = 1;');
    const before = workflowBundleKey(src);
    expect(workflowBundleKey(src)).toBe(before);
    writeFileSync(join(src, 'workflows/a.ts'), 'export const a = 2;');
    expect(workflowBundleKey(src)).not.toBe(before);
    expect(workflowBundleKey()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('finding the Temporal binaries', () => {
  it('takes both from HERALD_TEMPORAL_BIN_DIR as absolute paths, and refuses a folder without them', () => {
    const dir = pinnedTemporalBinDir();
    const found = findTemporalBinaries({ HERALD_TEMPORAL_BIN_DIR: relative(process.cwd(), dir), PATH: '' });
    expect(found).toEqual({ temporal: join(dir, 'temporal'), testServer: join(dir, 'temporal-test-server') });
    expect(() => findTemporalBinaries({ HERALD_TEMPORAL_BIN_DIR: tmp('empty'), PATH: '' })).toThrow(
      expect.objectContaining({ code: 'HERALD_ERR_TEMPORAL_BINARY' }),
    );
  });

  it('prefers a temporal on PATH for the CLI and keeps the pinned test server', () => {
    const bin = tmp('path');
    writeFileSync(join(bin, 'temporal'), '#!/bin/sh\n');
    chmodSync(join(bin, 'temporal'), 0o755);
    expect(findTemporalCli({ PATH: bin })).toBe(join(bin, 'temporal'));
    expect(findTemporalBinaries({ PATH: bin }).testServer).toBe(join(pinnedTemporalBinDir(), 'temporal-test-server'));
  });
});

describe('starting a dev server', () => {
  it('fails fast with HERALD_ERR_PORT_BUSY naming the port and the variable that moves it', async () => {
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      // Refused before a server is started on it (no wait for a server that cannot bind).
      const error = await startTemporalDevServer({ port }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'HERALD_ERR_PORT_BUSY',
        message: expect.stringMatching(new RegExp(`port ${port}\\b.*TEMPORAL_PORT`)),
      });
    } finally {
      holder.close();
    }
  });

  it("reports the CLI's own error when the server exits before it is ready", async () => {
    const error = await startTemporalDevServer({
      port: await freePort(),
      dynamicConfig: ['limit.historyCount.suggestContinueAsNew=not-json'],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'HERALD_ERR_TEMPORAL_START',
      message: expect.stringContaining('invalid dynamic config values'),
    });
  });

  it('serves the Web UI and its namespace, keeps state in a SQLite file; stop frees the port', async () => {
    const dbFile = join(tmp('db'), 'temporal.db');
    const [port, uiPort] = [await freePort(), await freePort()];
    const server = await startTemporalDevServer({ port, uiPort, dbFile, namespace: 'herald' });
    try {
      expect(server.address).toBe(`127.0.0.1:${port}`);
      expect((await fetch(server.uiUrl!)).status).toBe(200);
      expect(existsSync(dbFile)).toBe(true);
      const connection = await Connection.connect({ address: server.address });
      const described = await connection.workflowService
        .describeNamespace({ namespace: 'herald' })
        .finally(() => connection.close());
      expect(described.namespaceInfo?.name).toBe('herald');
    } finally {
      await server.stop();
    }
    await expect(assertPortFree(port, 'test', 'TEST_PORT')).resolves.toBeUndefined();
  });
});
