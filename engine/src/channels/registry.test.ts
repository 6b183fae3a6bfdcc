import { describe, expect, it } from 'vitest';
import { methodIds } from './channel-kinds';
import { audienceKindsFor, broadcastPageSize, capabilityOf, methodRegistry, methodsForChannel } from './registry';

describe('the capability registry', () => {
  // 10,000 fans a page for WeChat mass, at least 2,500 for batch calls, 1,000 for one call per recipient.
  it('pages broadcasts in full provider calls', () => {
    expect(broadcastPageSize('wechat_mass')).toBe(10_000);
    expect(broadcastPageSize('wecom_group_msg')).toBe(10_000);
    expect(broadcastPageSize('chat_broadcast')).toBe(2500);
    // An app message to the owning employee per contact.
    expect(broadcastPageSize('wecom_agent')).toBe(1000);
    expect(broadcastPageSize('email')).toBe(1000);
    expect(broadcastPageSize('wechat_customer_service')).toBe(1000);
  });

  it('has one entry per method, keyed by its own id', () => {
    expect(Object.keys(methodRegistry).sort()).toEqual([...methodIds].sort());
    for (const [key, entry] of Object.entries(methodRegistry)) expect(entry.id).toBe(key);
  });

  it('says why a batch-only method is refused in a real-time journey', () => {
    for (const entry of Object.values(methodRegistry)) {
      if (!entry.realtime) expect(entry.realtimeRefusal, entry.id).toMatch(/.{20,}/);
    }
    expect(capabilityOf('wecom_group_msg').realtimeRefusal).toMatch(/agent message instead/);
  });

  it('keeps textOnly consistent with the message types', () => {
    for (const entry of Object.values(methodRegistry)) {
      expect(entry.textOnly, entry.id).toBe(
        entry.messageTypes.length === 1 && entry.messageTypes[0] === 'text' && entry.id === 'chat_broadcast',
      );
    }
  });

  it('allows WeCom agent messages as the only WeCom method in real-time journeys', () => {
    expect(methodsForChannel('wecom', 'realtime').map((m) => m.id)).toEqual(['wecom_agent']);
    expect(methodsForChannel('wecom', 'batch').map((m) => m.id)).toEqual(['wecom_group_msg', 'wecom_agent']);
    expect(methodsForChannel('wechat_service', 'realtime').map((m) => m.id)).not.toContain('wechat_mass');
  });

  it('lets WeCom group messages to group chats target only group chats', () => {
    expect(audienceKindsFor(capabilityOf('wecom_group_msg'), 'group_chats')).toEqual(['group_chats']);
    expect(audienceKindsFor(capabilityOf('wecom_group_msg'), 'contacts')).not.toContain('group_chats');
    expect(audienceKindsFor(capabilityOf('email'), 'contacts')).toContain('tags');
  });

  it('declares the platform limits as default policies', () => {
    const limits = (id: Parameters<typeof capabilityOf>[0]) =>
      capabilityOf(id).policies.map((p) => `${p.key}:${p.limit}/${p.per}/${p.window}`);
    expect(limits('wechat_mass')).toEqual([
      'wechat_mass_per_fan:4/recipient/month',
      'wechat_mass_calls:100/account/day',
      'wechat_mass_api_rate:60/account/minute',
    ]);
    expect(limits('wechat_mass_subscription')).toEqual(['wechat_subscription_daily:1/account/day']);
    expect(limits('wechat_template')).toEqual(['wechat_template_daily:100000/account/day']);
    expect(limits('wecom_agent')).toEqual([
      'wecom_agent_member_minute:30/member/minute',
      'wecom_agent_member_hour:1000/member/hour',
    ]);
    for (const entry of Object.values(methodRegistry))
      expect(new Set(entry.policies.map((p) => p.key)).size).toBe(entry.policies.length);
  });
});
