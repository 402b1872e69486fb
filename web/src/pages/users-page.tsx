/**
 * Issue #16 item 3: 人员管理 / Users. The accounts of the manager's organisation scope, with search and
 * filters, a drawer to create (by invitation by default) and edit, and per-row acts: disable or enable,
 * unlock, re-send the invitation or reset the password (a one-time link to copy), API tokens. The page
 * mirrors the server's rules (no self-disable or self-demotion offered); the server enforces them.
 */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { formatTime } from '../components/format.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { useAuth } from '../features/meta/auth-context.tsx';
import {
  listUsers,
  ROLES,
  sendInvite,
  sendPasswordReset,
  STATES,
  stateOf,
  subtreeOf,
  unlockUser,
  updateUser,
  type AccountLink,
  type UserAccount,
  type UserState,
} from '../features/users/api.ts';
import { UserForm } from '../features/users/user-form.tsx';
import { LinkModal } from '../features/users/link-modal.tsx';
import { UserTokens } from '../features/users/user-tokens.tsx';

const STATE_COLOURS: Record<UserState, string> = { active: 'green', invited: 'blue', disabled: 'default', locked: 'red' };

export default function UsersPage() {
  const { t, pick } = useI18n();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const meta = useMeta();
  const { user: me } = useAuth();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [node, setNode] = useState<string | undefined>();
  const [state, setState] = useState<UserState | undefined>();
  const [editing, setEditing] = useState<UserAccount | 'new' | null>(null);
  const [link, setLink] = useState<AccountLink | null>(null);
  const [tokensOf, setTokensOf] = useState<UserAccount | null>(null);

  const { data, error, loading, reload: load } = useAsync(listUsers, []);
  const items = data ?? [];
  useEffect(() => {
    if (error !== undefined) report(error);
  }, [error, report]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const under = node ? subtreeOf(meta, node) : null;
    return items.filter(
      (u) =>
        (!needle || u.name.toLowerCase().includes(needle) || u.email.includes(needle)) &&
        (!role || u.role === role) &&
        (!under || (u.orgNodeId !== null && under.has(u.orgNodeId))) &&
        (!state || (state === 'locked' ? u.locked : stateOf(u) === state)),
    );
  }, [items, q, role, node, state, meta]);

  const positionLabel = (positionId: string, orgNodeId: string) => {
    const n = meta.node(orgNodeId);
    for (const p of meta.packs.values()) {
      const pos = p.positions.find((x) => x.id === positionId);
      if (pos) return `${pick(pos.nameZh, pos.name)} @ ${n?.name ?? orgNodeId}`;
    }
    return `${positionId} @ ${n?.name ?? orgNodeId}`;
  };

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      load();
    } catch (err) {
      report(err);
    }
  };
  const issue = async (u: UserAccount) => {
    try {
      setLink(await (u.invited ? sendInvite(u.id) : sendPasswordReset(u.id)));
      load();
    } catch (err) {
      report(err);
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('users.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('users.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ width: 240 }}
          onChange={(e) => setQ(e.target.value)}
          data-testid="users-search"
        />
        <Select
          allowClear
          placeholder={t('users.filterRole')}
          style={{ width: 160 }}
          value={role}
          onChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('users.filterNode')}
          style={{ width: 200 }}
          value={node}
          onChange={setNode}
          options={meta.nodes.map((n) => ({ value: n.id, label: n.name }))}
        />
        <Select
          allowClear
          placeholder={t('users.filterState')}
          style={{ width: 140 }}
          value={state}
          onChange={setState}
          options={STATES.map((s) => ({ value: s, label: t(`users.state.${s}`) }))}
          data-testid="users-state-filter"
        />
        <Button type="primary" onClick={() => setEditing('new')} data-testid="user-add">
          {t('users.add')}
        </Button>
      </Space>
      <Table<UserAccount>
        data-testid="users-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t('users.name'),
            key: 'name',
            width: 220,
            render: (_, u) => (
              <>
                <div>
                  {u.name} {u.id === me?.id && <Typography.Text type="secondary">{t('users.self')}</Typography.Text>}
                </div>
                <Typography.Text type="secondary">{u.email}</Typography.Text>
              </>
            ),
          },
          { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: string) => t(`role.${r as (typeof ROLES)[number]}`) },
          {
            title: t('users.orgNode'),
            dataIndex: 'orgNodeId',
            width: 160,
            render: (id: string | null) => (id ? (meta.node(id)?.name ?? id) : t('users.noNode')),
          },
          {
            title: t('users.positions'),
            key: 'positions',
            render: (_, u) =>
              u.positions.map((p) => <Tag key={`${p.positionId}@${p.orgNodeId}`}>{positionLabel(p.positionId, p.orgNodeId)}</Tag>),
          },
          {
            title: t('users.state'),
            key: 'state',
            width: 190,
            render: (_, u) => {
              const s = stateOf(u);
              return (
                <Space orientation="vertical" size={0}>
                  <span>
                    <Tag color={STATE_COLOURS[s]} data-testid={`user-state-${u.email}`}>
                      {t(`users.state.${s}`)}
                    </Tag>
                    {u.locked && s !== 'locked' && <Tag color="red">{t('users.state.locked')}</Tag>}
                  </span>
                  {u.locked && u.lockedUntil && (
                    <Typography.Text type="secondary">{t('users.lockedUntil', { time: formatTime(u.lockedUntil) })}</Typography.Text>
                  )}
                  {u.invited && (
                    <Typography.Text type="secondary">
                      {u.inviteExpiresAt ? t('users.inviteExpires', { time: formatTime(u.inviteExpiresAt) }) : t('users.inviteExpired')}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('users.actions'),
            key: 'actions',
            width: 330,
            render: (_, u) => {
              const self = u.id === me?.id;
              return (
                <Space wrap size={4} data-testid={`user-actions-${u.email}`}>
                  <Button size="small" onClick={() => setEditing(u)}>
                    {t('users.edit')}
                  </Button>
                  {u.disabled ? (
                    <Button size="small" onClick={() => act(() => updateUser(u.id, { disabled: false }), t('users.saved'))}>
                      {t('users.enable')}
                    </Button>
                  ) : (
                    !self && (
                      <Popconfirm
                        title={t('users.disableConfirm')}
                        onConfirm={() => act(() => updateUser(u.id, { disabled: true }), t('users.saved'))}
                      >
                        <Button size="small" danger>
                          {t('users.disable')}
                        </Button>
                      </Popconfirm>
                    )
                  )}
                  {u.locked && (
                    <Button size="small" onClick={() => act(() => unlockUser(u.id), t('users.unlocked'))}>
                      {t('users.unlock')}
                    </Button>
                  )}
                  {!u.disabled &&
                    (u.invited ? (
                      <Button size="small" onClick={() => issue(u)}>
                        {t('users.invite')}
                      </Button>
                    ) : (
                      <Popconfirm title={t('users.resetConfirm')} onConfirm={() => issue(u)}>
                        <Button size="small">{t('users.reset')}</Button>
                      </Popconfirm>
                    ))}
                  <Tooltip title={t('users.tokens.intro')}>
                    <Button size="small" onClick={() => setTokensOf(u)}>
                      {t('users.tokens')}
                    </Button>
                  </Tooltip>
                </Space>
              );
            },
          },
        ]}
      />
      <UserForm
        editing={editing}
        nodeless={me?.orgNodeId === null}
        selfId={me?.id}
        onClose={() => setEditing(null)}
        onSaved={(created) => {
          message.success(t(editing === 'new' ? 'users.created' : 'users.saved'));
          setEditing(null);
          setLink(created);
          load();
        }}
      />
      <LinkModal link={link} onClose={() => setLink(null)} />
      <UserTokens user={tokensOf} onClose={() => setTokensOf(null)} />
    </>
  );
}
