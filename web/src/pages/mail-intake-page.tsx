import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { addMailbox, listIntake, listMailboxes, updateMailbox, type IntakeResult, type Mailbox } from '../features/mail-intake/api.ts';

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');

/** Issue #14 item 6: each unit's IMAP mailboxes (the password never shown) and the messages the intake rejected, with the reason. */
export default function MailIntakePage() {
  const t = useT();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const meta = useMeta();
  const [boxes, setBoxes] = useState<Mailbox[]>([]);
  const [rejected, setRejected] = useState<IntakeResult[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ unitId: string; url: string; folder?: string }>();
  const units = meta.nodes.filter((n) => n.kind === 'unit');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [b, r] = await Promise.all([listMailboxes(), listIntake('rejected')]);
      setBoxes(b);
      setRejected(r);
    } catch (err) {
      report(err);
    } finally {
      setLoading(false);
    }
  }, [report]);
  useEffect(() => void load(), [load]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await addMailbox({ unitId: v.unitId, url: v.url, ...(v.folder ? { folder: v.folder } : {}) });
      setAdding(false);
      message.success(t('mailIntake.saved'));
      load();
    } catch (err) {
      report(err);
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('mailIntake.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mailIntake.intro')}</Typography.Paragraph>
      <Button
        type="primary"
        style={{ marginBottom: 12 }}
        onClick={() => {
          form.resetFields();
          form.setFieldsValue({ unitId: units[0]?.id });
          setAdding(true);
        }}
      >
        {t('mailIntake.add')}
      </Button>
      <Table<Mailbox>
        data-testid="mailboxes-table"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        scroll={{ x: 900 }}
        dataSource={boxes}
        columns={[
          { title: t('mailIntake.unit'), dataIndex: 'unitName', width: 160 },
          {
            title: t('mailIntake.url'),
            key: 'url',
            render: (_, b) => (
              <>
                <Typography.Text code>{b.urlHint}</Typography.Text>
                {b.source === 'env' && <Tag style={{ marginLeft: 8 }}>{t('mailIntake.source.env')}</Tag>}
              </>
            ),
          },
          { title: t('mailIntake.folder'), dataIndex: 'folder', width: 110 },
          {
            title: t('mailIntake.enabled'),
            key: 'enabled',
            width: 80,
            render: (_, b) => (
              <Switch size="small" checked={b.enabled} onChange={(enabled) => void updateMailbox(b.id, { enabled }).then(load, report)} />
            ),
          },
          { title: t('mailIntake.lastPolled'), dataIndex: 'lastPolledAt', width: 170, render: time },
          {
            title: t('mailIntake.lastError'),
            dataIndex: 'lastError',
            render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
          },
        ]}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('mailIntake.rejected')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mailIntake.rejectedIntro')}</Typography.Paragraph>
      <Table<IntakeResult>
        data-testid="mail-rejected-table"
        rowKey="id"
        size="small"
        loading={loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        dataSource={rejected}
        columns={[
          { title: t('mailIntake.at'), dataIndex: 'takenAt', width: 170, render: time },
          { title: t('mailIntake.from'), dataIndex: 'from', width: 200, render: (v: string | null) => v ?? '—' },
          {
            title: t('mailIntake.subject'),
            key: 'subject',
            ellipsis: true,
            render: (_, r) => (r.complaintId ? <Link to={`/complaints/${r.complaintId}`}>{r.subject}</Link> : (r.subject ?? '—')),
          },
          {
            title: t('mailIntake.reason'),
            dataIndex: 'reason',
            render: (v: string | null) => <Typography.Text type="danger">{v}</Typography.Text>,
          },
        ]}
      />
      <Modal title={t('mailIntake.add')} open={adding} onOk={() => void submit()} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label={t('mailIntake.unit')} rules={[{ required: true }]}>
            <Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="url" label={t('mailIntake.url')} extra={t('mailIntake.urlHelp')} rules={[{ required: true }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item name="folder" label={t('mailIntake.folder')}>
            <Input placeholder="INBOX" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
