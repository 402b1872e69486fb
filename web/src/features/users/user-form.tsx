/**
 * Issue #16 item 3: the drawer that creates or edits an account. A new account gets an invitation link
 * by default (its owner sets the password); an initial password is the other choice. Positions are
 * picked as a node and one of the positions its pack declares (positionsAt). The server checks it all
 * again: scope, grants, the password policy.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useMeta } from '../meta/meta-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { createUser, positionsAt, ROLES, updateUser, type AccountLink, type HeldPosition, type UserAccount } from './api.ts';

interface Values {
  email: string;
  name: string;
  role: string;
  orgNodeId: string;
  how: 'invite' | 'password';
  password?: string;
  positions?: Partial<HeldPosition>[];
}

/** The node-less choice in the node select (a Select value cannot be null). */
const NO_NODE = '';

export function UserForm(props: {
  editing: UserAccount | 'new' | null;
  /** Whether the manager has no node (the installation administrator), who alone makes node-less accounts. */
  nodeless: boolean;
  /** The manager's own id: nobody changes their own role (the server answers 409). */
  selfId: string | undefined;
  onClose: () => void;
  onSaved: (link: AccountLink | null) => void;
}) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const how = Form.useWatch('how', form);
  const positions = Form.useWatch('positions', form);
  const { editing } = props;

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing === 'new') form.setFieldsValue({ role: 'agent', how: 'invite', orgNodeId: meta.nodes[0]?.id ?? NO_NODE, positions: [] });
    else
      form.setFieldsValue({
        email: editing.email,
        name: editing.name,
        role: editing.role,
        orgNodeId: editing.orgNodeId ?? NO_NODE,
        positions: editing.positions,
      });
  }, [editing, form, meta.nodes]);

  const nodeOptions = useMemo(() => {
    const depth = (id: string) => {
      let d = 0;
      for (let n = meta.node(id); n?.parentId; n = meta.node(n.parentId)) d++;
      return d;
    };
    return [
      ...(props.nodeless ? [{ value: NO_NODE, label: t('users.noNode') }] : []),
      ...meta.nodes.map((n) => ({ value: n.id, label: `${'　'.repeat(depth(n.id))}${n.name}` })),
    ];
  }, [meta, props.nodeless, t]);

  const save = async () => {
    const v = await form.validateFields();
    const held = (v.positions ?? []).filter((p): p is HeldPosition => !!p.orgNodeId && !!p.positionId);
    setSaving(true);
    try {
      if (editing === 'new') {
        const created = await createUser({
          email: v.email.trim(),
          name: v.name,
          role: v.role,
          orgNodeId: v.orgNodeId || null,
          positions: held,
          ...(v.how === 'password' ? { password: v.password } : { invite: true }),
        });
        props.onSaved(created.invite ?? null);
      } else if (editing) {
        await updateUser(editing.id, { name: v.name, role: v.role, orgNodeId: v.orgNodeId || null, positions: held });
        props.onSaved(null);
      }
    } catch (err) {
      report(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={!!editing}
      title={editing === 'new' ? t('users.add') : t('users.edit')}
      size="large"
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="user-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[
            { required: true, message: t('common.required') },
            { type: 'email', message: t('error.badEmail') },
          ]}
        >
          <Input disabled={editing !== 'new'} data-testid="user-email" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            data-testid="user-role"
            disabled={editing !== 'new' && editing?.id === props.selfId}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="orgNodeId" label={t('users.orgNode')}>
          <Select data-testid="user-node" showSearch optionFilterProp="label" options={nodeOptions} />
        </Form.Item>
        {editing === 'new' && (
          <>
            <Form.Item name="how" label={t('users.how')}>
              <Radio.Group data-testid="user-how">
                <Radio value="invite">{t('users.how.invite')}</Radio>
                <Radio value="password">{t('users.how.password')}</Radio>
              </Radio.Group>
            </Form.Item>
            {how === 'password' && (
              <Form.Item
                name="password"
                label={t('users.password')}
                extra={t('users.passwordHelp')}
                rules={[{ required: true, min: 10, message: t('users.passwordHelp') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            )}
          </>
        )}
        <Typography.Text strong>{t('users.positions')}</Typography.Text>
        <Form.List name="positions">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f) => {
                const nodeId = positions?.[f.name]?.orgNodeId;
                const choices = positionsAt(meta, nodeId);
                return (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'orgNodeId']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select
                        style={{ width: 220 }}
                        placeholder={t('users.positionNode')}
                        showSearch
                        optionFilterProp="label"
                        options={nodeOptions.filter((o) => o.value !== NO_NODE)}
                        onChange={() => form.setFieldValue(['positions', f.name, 'positionId'], undefined)}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'positionId']} rules={[{ required: true, message: t('common.required') }]}>
                      <Select
                        style={{ width: 220 }}
                        placeholder={t('users.position')}
                        notFoundContent={t('users.noPositions')}
                        options={choices.map((p) => ({ value: p.id, label: pick(p.nameZh, p.name) }))}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('users.addPosition')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
