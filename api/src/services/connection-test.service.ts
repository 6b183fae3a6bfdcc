import nodemailer from 'nodemailer';
import { callJson, checkEgress, egressPolicy, tokenEndpoint, ChannelError } from '@herald/channels';
import type { ChannelKind } from '@herald/engine';
import type { ConnectionTestResult } from '../contracts/index';

type TokenAnswer = { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };

/** What the platforms' token errors mean for the person filling in the form. */
const tokenErrors: Record<number, string> = {
  40001: 'the secret is not right: copy it again from the admin console',
  40013: 'the app or company id is not one the platform knows: check it for typos',
  40125: 'the AppSecret is not right: copy it again from Settings and Development → Basic Configuration',
  40164: "the platform refuses calls from this server's IP address: add it to the IP whitelist",
  40091: 'the secret is not right for this app: copy it again from the app page',
  60020: "the platform refuses calls from this server's IP address: add it to the app's trusted IPs",
  41002: 'the company id is missing',
  41004: 'the secret is missing',
};

const platformName = (kind: ChannelKind) => (kind === 'wecom' ? 'WeCom' : 'WeChat');

/** The answer with its token blanked: it is a live credential. */
const blanked = (answer: TokenAnswer) => (answer.access_token ? { ...answer, access_token: '•••' } : answer);

/** Asks the platform for a token with these credentials; the address it called is shown with the secret blanked. */
async function tokenTest(
  kind: ChannelKind,
  base: string,
  endpoint: { path: string; secretParam: string },
  secret: string,
  settingMissing: string | null,
): Promise<ConnectionTestResult> {
  if (settingMissing) return { ok: false, message: settingMissing, called: null, answer: null };
  const shown = `${base}${endpoint.path}&${endpoint.secretParam}=•••`;
  const url = `${base}${endpoint.path}&${endpoint.secretParam}=${encodeURIComponent(secret)}`;
  const answer = await callJson<TokenAnswer>(url, undefined);
  if (answer.access_token) {
    const hours = Math.round((answer.expires_in ?? 7200) / 3600);
    return {
      ok: true,
      message:
        `${platformName(kind)} accepted these credentials: ` +
        `it issued an access token valid for ${hours} hour${hours === 1 ? '' : 's'}.`,
      called: shown,
      answer: blanked(answer),
    };
  }
  const why = tokenErrors[answer.errcode ?? -1] ?? `it said "${answer.errmsg ?? 'no token'}"`;
  return {
    ok: false,
    message: `${platformName(kind)} refused these credentials (errcode ${answer.errcode ?? '?'}): ${why}.`,
    called: shown,
    answer,
  };
}

/**
 * Tries an account's settings and credentials against its provider the way a send would start:
 * the token endpoint for WeChat and WeCom (the answer comes back with the token blanked), a
 * connection and sign-in for an SMTP server. Never throws for the provider's refusal or absence:
 * the result says what happened in a sentence.
 */
export async function testConnection(input: {
  kind: ChannelKind;
  baseUrl: string;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}): Promise<ConnectionTestResult> {
  const { kind, settings, credentials } = input;
  const base = input.baseUrl.replace(/\/+$/, '');
  try {
    await checkEgress(egressPolicy(), base, kind === 'email' ? ['smtp:', 'smtps:'] : ['http:', 'https:']);
    switch (kind) {
      case 'wechat_service':
      case 'wechat_subscription': {
        const appId = String(settings.appId ?? '').trim();
        const missing = !appId ? 'Enter the AppID first.' : !credentials.secret ? 'Enter the AppSecret first.' : null;
        return await tokenTest(kind, base, tokenEndpoint('wechat', appId), credentials.secret ?? '', missing);
      }
      case 'wecom': {
        const corpId = String(settings.corpId ?? '').trim();
        const missing = !corpId
          ? 'Enter the Corp ID first.'
          : !credentials.secret
            ? "Enter the app's Secret first."
            : null;
        return await tokenTest(kind, base, tokenEndpoint('wecom', corpId), credentials.secret ?? '', missing);
      }
      case 'email': {
        const url = new URL(base);
        const transport = nodemailer.createTransport({
          host: url.hostname,
          port: Number(url.port || 25),
          secure: url.protocol === 'smtps:',
          ignoreTLS: url.protocol === 'smtp:',
          connectionTimeout: 10_000,
          ...(credentials.user ? { auth: { user: credentials.user, pass: credentials.password ?? '' } } : {}),
        });
        await transport.verify();
        transport.close();
        const signedIn = credentials.user ? ' and the sign-in' : '';
        return {
          ok: true,
          message: `The mail server at ${url.host} accepted the connection${signedIn}.`,
          called: `${url.protocol}//${url.host}`,
          answer: null,
        };
      }
      default:
        return {
          ok: false,
          message: 'Herald cannot test this kind of account before it sends: save it and send yourself a test message.',
          called: null,
          answer: null,
        };
    }
  } catch (error) {
    const reason = error instanceof ChannelError ? error.message : (error as Error).message;
    return {
      ok: false,
      message: `Herald could not complete the test: ${reason.replace(/\.$/, '')}.`,
      called: null,
      answer: null,
    };
  }
}
