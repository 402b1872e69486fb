import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import {
  createChannel,
  deleteChannel,
  listChannels,
  testChannel,
  updateChannel,
  TRANSPORTS,
  type Channel,
  type ChannelForm,
  type Transport,
} from '../features/delivery/api.ts';
import { UnitCustomerMessagesCard } from '../features/delivery/unit-customer-messages.tsx';

/** Notification kinds the installed packs' rules use (and the crisis alert). */
const NOTIFICATION_KINDS = ['bulletin', 'progress', 'special_report', 'escalation', 'leader_alert', 'crisis_alert', 'emergency_alert'];
/** Messages to customers: a webhook (an SMS gateway) carries them only when its kinds name them (issue #14 item 5). */
const CUSTOMER_KINDS = ['customer_receipt', 'customer_reply', 'customer_visit_invitation'];

interface FormValues {
  companyId: string;
  kind: Transport;
  name: string;
  url?: string;
  secret?: string;
  kinds?: string[];
  levels?: string[];
  enabled: boolean;
}

/** Issue #14: each company's delivery channels. A secret is never shown, nor pre-filled: empty keeps it. */
export default function ChannelsPage() {
  const { t, pick } = useI18n();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const meta = useMeta();
  const [items, setItems] = useState<Channel[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);

  const companies = meta.nodes.filter((n) => n.kind === 'company');
  const units = meta.nodes.filter((n) => n.kind === 'unit');
  const levels = useMemo(() => {
    const seen = new Map<string, string>();
    for (const p of meta.packs.values()) for (const l of p.severity.levels) if (!seen.has(l.id)) seen.set(l.id, pick(l.nameZh, l.name));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [meta.packs, pick]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listChannels());
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [report]);
  useEffect(() => void load(), [load]);

  const open = (c: Channel | 'new') => {
    setEditing(c);
    form.resetFields();
    if (c === 'new') form.setFieldsValue({ companyId: companies[0]?.id, kind: 'wecom', enabled: true, kinds: [], levels: [] });
    else
      form.setFieldsValue({
        companyId: c.companyId,
        kind: c.kind,
        name: c.name,
        url: '',
        secret: '',
        kinds: c.kinds,
        levels: c.levels,
        enabled: c.enabled,
      });
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') {
        const body: ChannelForm = {
          companyId: v.companyId,
          kind: v.kind,
          name: v.name,
          url: v.url || null,
          kinds: v.kinds ?? [],
          levels: v.levels ?? [],
          enabled: v.enabled,
        };
        if (v.secret) body.secret = v.secret;
        await createChannel(body);
      } else if (editing) {
        await updateChannel(editing.id, {
          name: v.name,
          kinds: v.kinds ?? [],
          levels: v.levels ?? [],
          enabled: v.enabled,
          ...(v.url ? { url: v.url } : {}),
          ...(v.secret ? { secret: v.secret } : {}),
        });
      }
      message.success(t('channels.saved'));
      setEditing(null);
      await load();
    } catch (err) {
      report(err);
    } finally {
      setSaving(false);
    }
  };

  const filterTags = (list: string[], label: (v: string) => string) =>
    list.length ? list.map((v) => <Tag key={v}>{label(v)}</Tag>) : <Tag>{t('channels.all')}</Tag>;
  const levelLabel = (id: string) => levels.find((l) => l.value === id)?.label ?? id;

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('channels.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('channels.intro')}</Typography.Paragraph>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="channel-add">
        {t('channels.add')}
      </Button>
      <Table<Channel>
        data-testid="channels-table"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 1000 }}
        dataSource={items}
        columns={[
          { title: t('channels.company'), dataIndex: 'companyName', width: 160 },
          { title: t('channels.kind'), dataIndex: 'kind', width: 130, render: (v: Transport) => t(`channels.kind.${v}`) },
          { title: t('channels.name'), dataIndex: 'name', width: 140 },
          {
            title: t('channels.url'),
            dataIndex: 'urlHint',
            ellipsis: true,
            render: (v: string | null) => <Typography.Text code>{v ?? '—'}</Typography.Text>,
          },
          {
            title: t('channels.secret'),
            dataIndex: 'hasSecret',
            width: 80,
            render: (v: boolean) => (v ? <Tag color="green">{t('channels.secretSet')}</Tag> : <Tag>{t('channels.secretNone')}</Tag>),
          },
          { title: t('channels.kinds'), dataIndex: 'kinds', render: (v: string[]) => filterTags(v, (k) => k) },
          { title: t('channels.levels'), dataIndex: 'levels', render: (v: string[]) => filterTags(v, levelLabel) },
          {
            title: t('channels.enabled'),
            dataIndex: 'enabled',
            width: 70,
            render: (v: boolean, r) => (
              <Switch size="small" checked={v} onChange={(on) => void updateChannel(r.id, { enabled: on }).then(load, report)} />
            ),
          },
          {
            title: t('channels.actions'),
            key: 'actions',
            width: 230,
            render: (_, r) => (
              <Space size="small">
                <Button size="small" onClick={() => open(r)}>
                  {t('channels.edit')}
                </Button>
                <Button size="small" onClick={() => void testChannel(r.id).then(() => message.success(t('channels.tested')), report)}>
                  {t('channels.test')}
                </Button>
                <Popconfirm title={t('channels.deleteConfirm')} onConfirm={() => void deleteChannel(r.id).then(load, report)}>
                  <Button size="small" danger>
                    {t('channels.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('channels.add') : t('channels.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={t('channels.save')}
        cancelText={t('channels.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" autoComplete="off">
          <Form.Item name="companyId" label={t('channels.company')} rules={[{ required: true }]}>
            <Select disabled={editing !== 'new'} options={companies.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true }]}>
            <Select disabled={editing !== 'new'} options={TRANSPORTS.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="url"
            label={t('channels.url')}
            extra={
              editing !== 'new' && editing?.urlHint
                ? `${editing.urlHint} — ${t('channels.urlKeep')}`
                : kind === 'email'
                  ? t('channels.urlHelp.email')
                  : t('channels.urlHelp.robot')
            }
            rules={[{ required: editing === 'new' && kind !== 'email' }]}
          >
            <Input placeholder={kind === 'email' ? 'smtp://user:pass@smtp.example.com:587' : 'https://'} />
          </Form.Item>
          {kind !== 'wecom' && kind !== 'email' && (
            <Form.Item name="secret" label={t('channels.secret')} extra={t('channels.secretHelp')}>
              <Input.Password
                autoComplete="new-password"
                placeholder={editing !== 'new' && editing?.hasSecret ? t('channels.secretSet') : ''}
              />
            </Form.Item>
          )}
          <Form.Item name="kinds" label={t('channels.kinds')} extra={t('channels.all')}>
            <Select
              mode="tags"
              options={[...NOTIFICATION_KINDS, ...(kind === 'webhook' || kind === 'email' ? CUSTOMER_KINDS : [])].map((k) => ({
                value: k,
                label: k,
              }))}
            />
          </Form.Item>
          <Form.Item name="levels" label={t('channels.levels')} extra={t('channels.all')}>
            <Select mode="multiple" options={levels} />
          </Form.Item>
          <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <UnitCustomerMessagesCard units={units} />
    </>
  );
}
