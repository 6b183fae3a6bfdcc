import { useEffect, useState } from 'react';
import {
  allows,
  roleAtLeast,
  rolesByRank,
  teamRoutes,
  type InvitationItem,
  type MemberItem,
  type Role,
} from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText } from '../api/error-text';
import { usePageAction } from '../components/usePageAction';
import { roleLabel, roleWordsOf, whenLabel } from '../words/labels';
import { useTranslation } from 'react-i18next';
import type { Me } from '../App';
import { StatusBanner } from '../components/Banner';
import { type Column } from '../lists/DataTable';
import { ListTable } from '../lists/ListTable';
import { actionsColumn } from '../lists/RowActions';
import { RoleSelect } from '../components/RoleSelect';
import { PageHead } from '../components/PageHead';
import { CreateForm } from '../lists/CreateForm';
import { NamedInput } from '../components/NamedInput';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/** Members: who is in the workspace with which role; admins invite by email, change roles and remove. */
export function MembersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const manage = allows('manage', me);
  const [members, setMembers] = useState<MemberItem[] | null>(null);
  const [invitations, setInvitations] = useState<InvitationItem[]>([]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('marketer');
  const [message, setMessage] = useState<Message>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });
  const load = async () => {
    try {
      setMembers((await call(teamRoutes.members)).items);
      if (manage) setInvitations((await call(teamRoutes.invitations)).items);
    } catch (e) {
      fail(e);
    }
  };
  const { run, dialog } = usePageAction(setMessage, load);
  useEffect(() => {
    void load();
  }, []);
  const grantable = rolesByRank.filter((r) => roleAtLeast(me.role, r));

  const invite = () =>
    run(
      async () => {
        const sent = await call(teamRoutes.invite, { body: { email, role } });
        setEmail('');
        return sent;
      },
      (sent) =>
        sent.emailed
          ? t('members.invitedEmailed', { email: sent.email, role: roleLabel(sent.role).toLowerCase() })
          : t('members.invitedLink', { email: sent.email, link: sent.link }),
    );
  const changeRole = async (m: MemberItem, next: Role) => {
    try {
      await call(teamRoutes.setRole, { params: { id: m.id }, body: { role: next } });
      setMessage({ kind: 'ok', text: t('members.roleChanged', { name: m.name, role: roleLabel(next).toLowerCase() }) });
      await load();
    } catch (err) {
      fail(err);
      await load();
    }
  };
  const remove = (m: MemberItem) =>
    run(() => call(teamRoutes.removeMember, { params: { id: m.id } }), t('members.removed', { name: m.name }), {
      title: t('members.removeTitle', { name: m.name }),
      body: t('members.removeBody', { email: m.email }),
      confirm: t('common.remove'),
    });
  const withdraw = (i: InvitationItem) =>
    run(() => call(teamRoutes.withdrawInvitation, { params: { id: i.id } }), t('members.withdrew', { email: i.email }));

  const touchable = (m: MemberItem) => manage && roleAtLeast(me.role, m.role);
  const memberColumns: Column<MemberItem, never>[] = [
    {
      label: t('members.name'),
      cell: (m) => (
        <>
          {m.name}
          {m.you && <span className="muted">{t('members.you')}</span>}
        </>
      ),
    },
    { label: t('login.email'), cell: (m) => m.email },
    {
      label: t('members.role'),
      cell: (m) =>
        touchable(m) ? (
          <RoleSelect
            roles={grantable}
            ariaLabel={t('members.roleOf', { email: m.email })}
            value={m.role}
            onValue={(r) => void changeRole(m, r)}
          />
        ) : (
          roleLabel(m.role)
        ),
    },
    { label: t('members.joined'), cell: (m) => whenLabel(m.joinedAt) },
    ...(manage
      ? [
          actionsColumn<MemberItem>([{ label: t('common.remove'), when: touchable, act: (m) => void remove(m) }], {
            links: true,
          }),
        ]
      : []),
  ];
  const invitationColumns: Column<(typeof invitations)[number], never>[] = [
    { label: t('login.email'), cell: (i) => i.email },
    { label: t('members.role'), cell: (i) => roleLabel(i.role) },
    { label: t('members.invitedBy'), cell: (i) => i.invitedBy ?? '—' },
    { label: t('members.until'), cell: (i) => whenLabel(i.expiresAt) },
    actionsColumn([{ label: t('members.withdraw'), act: (i) => void withdraw(i) }], { links: true }),
  ];
  return (
    <div className="page">
      {dialog}
      <PageHead title={t('nav.members')} />
      <StatusBanner message={message} testId="members-banner" />
      {manage && (
        <CreateForm
          testId="invite-form"
          submit={t('members.invite')}
          ready={!!email.trim()}
          hint={roleWordsOf(role)}
          onCreate={invite}
        >
          <NamedInput
            label={t('members.email')}
            type="email"
            placeholder="name@company.com"
            maxLength={200}
            required
            value={email}
            onValue={setEmail}
          />
          <RoleSelect roles={grantable} ariaLabel={t('members.role')} value={role} onValue={setRole} />
        </CreateForm>
      )}
      <ListTable
        items={members}
        testId="members-table"
        columns={memberColumns}
        rowProps={(m) => ({ 'data-email': m.email })}
      />
      {manage && invitations.length > 0 && (
        <>
          <h3>{t('members.waiting')}</h3>
          <ListTable items={invitations} testId="invitations-table" columns={invitationColumns} />
        </>
      )}
    </div>
  );
}
