import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ChannelError } from './channel.errors';

/**
 * Where the worker may send HTTP: a channel account's base URL and a webhook's URL are the
 * workspace's choice, so without a policy anyone who can create one can make Herald call an
 * internal address (a cloud metadata endpoint, an admin port). `hosts`: host names allowed
 * (`api.weixin.qq.com`, `*.example.com`), null for any; `allowPrivate`: whether loopback,
 * private, link-local and other non-public addresses may be reached (the embedded sandbox
 * lives on 127.0.0.1, so the default allows them).
 */
export interface EgressPolicy {
  hosts: readonly string[] | null;
  allowPrivate: boolean;
}
export const openEgress: EgressPolicy = { hosts: null, allowPrivate: true };

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is not a public unicast address (IPv4-mapped IPv6 judged as IPv4). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return nonPublic.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a host name matches the policy's host list (exact, or `*.suffix` for its subdomains). */
export function hostAllowed(policy: EgressPolicy, host: string): boolean {
  if (!policy.hosts) return true;
  const h = host.toLowerCase().replace(/\.$/, '');
  return policy.hosts.some((pattern) => {
    const p = pattern.toLowerCase().trim();
    return p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p;
  });
}

/**
 * Refuses a URL the policy does not allow, with a stable code and before any byte is sent:
 * not http(s), a host off the list, or (unless private targets are allowed) a host that is or
 * resolves to a non-public address. The answer is checked where the call is made, so it also
 * covers URLs stored before the policy was set.
 */
export async function checkEgress(
  policy: EgressPolicy,
  url: string,
  protocols: readonly string[] = ['http:', 'https:'],
): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ChannelError('HERALD_ERR_CHANNEL_TARGET_REFUSED', `"${url.slice(0, 100)}" is not a URL`);
  }
  if (!protocols.includes(target.protocol))
    throw new ChannelError(
      'HERALD_ERR_CHANNEL_TARGET_REFUSED',
      `only ${protocols.join(' and ')} are allowed here, not ${target.protocol}`,
    );
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!hostAllowed(policy, host))
    throw new ChannelError(
      'HERALD_ERR_CHANNEL_TARGET_REFUSED',
      `${host} is not on this Herald's list of channel hosts (HERALD_CHANNEL_HOSTS)`,
    );
  if (policy.allowPrivate) return;
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true })
        .then((all) => all.map((a) => a.address))
        .catch(() => [] as string[]);
  const inside = addresses.find(isNonPublicAddress);
  if (inside)
    throw new ChannelError(
      'HERALD_ERR_CHANNEL_TARGET_REFUSED',
      `${host} is a non-public address (${inside}); set HERALD_PRIVATE_TARGETS=allow to reach it`,
    );
}
