import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '@herald/sandbox';
import { checkEgress, hostAllowed, isNonPublicAddress, openEgress, type EgressPolicy } from './egress';
import { callJson, setEgressPolicy } from './http';

afterEach(() => {
  setEgressPolicy(openEgress);
});

describe('egress policy: where the worker may call', () => {
  it('tells non-public addresses from public ones, IPv4, IPv6 and IPv4-mapped', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ])
      expect(isNonPublicAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '203.0.113.9', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect(isNonPublicAddress(a), a).toBe(false);
  });

  it('matches hosts exactly or by *.suffix, and any host without a list', () => {
    const policy = { hosts: ['api.weixin.qq.com', '*.example.com'], allowPrivate: true };
    expect(hostAllowed(policy, 'api.weixin.qq.com')).toBe(true);
    expect(hostAllowed(policy, 'API.WEIXIN.QQ.COM.')).toBe(true);
    expect(hostAllowed(policy, 'hooks.example.com')).toBe(true);
    expect(hostAllowed(policy, 'example.com')).toBe(false);
    expect(hostAllowed(policy, 'evilexample.com')).toBe(false);
    expect(hostAllowed(policy, 'api.weixin.qq.com.evil.net')).toBe(false);
    expect(hostAllowed(openEgress, 'anything.internal')).toBe(true);
  });

  it('refuses other schemes, hosts off the list, and (if asked) loopback, private and metadata addresses', async () => {
    const refuse: EgressPolicy = { hosts: null, allowPrivate: false };
    const refused = (policy: EgressPolicy, url: string, protocols?: string[]) =>
      expect(checkEgress(policy, url, protocols)).rejects.toMatchObject({
        code: 'HERALD_ERR_CHANNEL_TARGET_REFUSED',
        retryable: false,
      });
    await refused(openEgress, 'file:///etc/passwd');
    await refused(openEgress, 'gopher://127.0.0.1:6379/');
    await refused(refuse, 'http://169.254.169.254/latest/meta-data/');
    await refused(refuse, 'http://[::1]:8080/');
    await refused(refuse, 'http://localhost:5432/');
    await refused(refuse, 'smtp://10.0.0.5:25', ['smtp:', 'smtps:']);
    await refused({ hosts: ['api.weixin.qq.com'], allowPrivate: true }, 'https://qyapi.weixin.qq.com/cgi-bin/gettoken');
    await expect(checkEgress(refuse, 'https://203.0.113.9/')).resolves.toBeUndefined();
    await expect(checkEgress(openEgress, 'http://127.0.0.1:4010/')).resolves.toBeUndefined();
  });

  it('stops a provider call before any byte leaves when the policy refuses it', async () => {
    const sandbox = await startSandbox({ smtpPort: -1 });
    try {
      setEgressPolicy({ hosts: null, allowPrivate: false });
      await expect(callJson(`${sandbox.url}/cgi-bin/gettoken?corpid=c&corpsecret=s`, undefined)).rejects.toMatchObject({
        code: 'HERALD_ERR_CHANNEL_TARGET_REFUSED',
      });
      setEgressPolicy(openEgress);
      await expect(callJson(`${sandbox.url}/cgi-bin/gettoken?corpid=c&corpsecret=s`, undefined)).resolves.toMatchObject(
        { errcode: 0 },
      );
    } finally {
      await sandbox.close();
    }
  });
});
