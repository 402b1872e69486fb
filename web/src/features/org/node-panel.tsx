/**
 * The selected node of the organisation page (issue #16 item 2): its details, the actions an
 * administrator may take on it (add below, rename, move, change pack, disable / enable, portal) and its
 * change log. A pack change that the server refuses for open complaints asks what happens to their
 * clocks, then retries with runningClocks: 'keep'.
 */
import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Descriptions, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useI18n, useT } from '../../i18n/i18n-context.tsx';
import { useErrorReporter } from '../../components/use-error-reporter.ts';
import { ApiError } from '../../api/client.ts';
import type { PolicySummary } from '../../api/types.ts';
import { CHILD_KINDS, createNode, listChanges, patchNode, type AdminNode, type NodeKind, type NodePatch, type OrgChange } from './api.ts';

type Dialog = null | 'add' | 'rename' | 'move' | 'pack';

/** A change's fields, one per line (`name: value`). */
const fields = (f: Record<string, unknown> | null) =>
  f ? (
    <span style={{ whiteSpace: 'pre-line', fontSize: 12 }}>
      {Object.entries(f)
        .map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`)
        .join('\n')}
    </span>
  ) : (
    '—'
  );

/** Where a node of `kind` may go: the kinds its parent may have (the server checks the same rule). */
const PARENT_KINDS: Record<NodeKind, NodeKind[]> = { group: [], company: ['group'], unit: ['company'], department: ['unit', 'company'] };

export function NodePanel({
  node,
  nodes,
  policies,
  onChanged,
}: {
  node: AdminNode;
  nodes: AdminNode[];
  policies: PolicySummary[];
  onChanged: (selectId?: string) => void;
}) {
  const t = useT();
  const { pick } = useI18n();
  const report = useErrorReporter();
  const { message, modal } = AntApp.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [changes, setChanges] = useState<OrgChange[]>([]);
  const [form] = Form.useForm();

  const loadChanges = useCallback(() => {
    if (!node.editable) return setChanges([]);
    listChanges(node.id).then(setChanges, report);
  }, [node.id, node.editable, report]);
  useEffect(() => loadChanges(), [loadChanges]);

  const packLabel = (id: string | null) => {
    const p = policies.find((x) => x.id === id);
    return p ? pick(p.nameZh, p.name) : (id ?? '—');
  };
  const nodeName = (id: string | null) => nodes.find((n) => n.id === id)?.name ?? id ?? '—';

  const save = async (patch: NodePatch) => {
    try {
      await patchNode(node.id, patch);
      message.success(t('org.saved'));
      setDialog(null);
      onChanged(node.id);
      loadChanges();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.field === 'runningClocks') {
        modal.confirm({
          title: t('org.openComplaintsTitle'),
          content: <div style={{ whiteSpace: 'pre-line' }}>{t('org.openComplaintsBody', { message: err.message })}</div>,
          okText: t('org.keepClocks'),
          onOk: () => save({ ...patch, runningClocks: 'keep' }),
        });
        return;
      }
      report(err);
    }
  };

  const open = (d: Dialog) => {
    form.resetFields();
    if (d === 'rename') form.setFieldsValue({ name: node.name });
    if (d === 'add') form.setFieldsValue({ kind: CHILD_KINDS[node.kind][0] });
    if (d === 'pack') form.setFieldsValue({ policyId: node.policyId ?? undefined });
    setDialog(d);
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (dialog === 'rename') return save({ name: v.name.trim() });
    if (dialog === 'move') return save({ parentId: v.parentId });
    if (dialog === 'pack') return save({ policyId: v.policyId });
    if (dialog === 'add') {
      try {
        const made = await createNode({
          name: v.name.trim(),
          kind: v.kind,
          parentId: node.id,
          ...(v.policyId ? { policyId: v.policyId } : {}),
        });
        message.success(t('org.saved'));
        setDialog(null);
        onChanged(made.id);
      } catch (err) {
        report(err);
      }
    }
  };

  const below = new Set<string>();
  const collect = (id: string) => {
    below.add(id);
    for (const n of nodes) if (n.parentId === id) collect(n.id);
  };
  collect(node.id);
  const moveTargets = nodes.filter((n) => n.editable && !below.has(n.id) && PARENT_KINDS[node.kind].includes(n.kind));
  const addKind = Form.useWatch('kind', form) as NodeKind | undefined;
  const packOptions = policies.map((p) => ({ value: p.id, label: `${pick(p.nameZh, p.name)} (${p.id})` }));

  return (
    <div data-testid="org-node-panel">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {node.name} <Tag>{t(`org.kind.${node.kind}`)}</Tag>
        {node.disabled && <Tag color="red">{t('org.disabled')}</Tag>}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('org.parent')}>{nodeName(node.parentId)}</Descriptions.Item>
        {(node.kind === 'unit' || node.kind === 'company') && (
          <Descriptions.Item label={t('org.pack')}>
            <span data-testid="org-node-pack">{packLabel(node.policyId)}</span>
          </Descriptions.Item>
        )}
        {node.kind === 'unit' && (
          <Descriptions.Item label={t('org.portal')}>
            <Switch
              data-testid="org-portal-switch"
              checked={node.portal}
              disabled={!node.editable}
              onChange={(portal) => void save({ portal })}
            />
          </Descriptions.Item>
        )}
        {node.kind === 'unit' && (
          <Descriptions.Item label={t('org.replyApproval')}>
            <Select
              data-testid="org-reply-approval"
              style={{ minWidth: 200 }}
              value={node.replyApproval === null ? 'pack' : node.replyApproval ? 'yes' : 'no'}
              disabled={!node.editable}
              onChange={(v: string) => void save({ replyApproval: v === 'pack' ? null : v === 'yes' })}
              options={[
                { value: 'pack', label: t('org.replyApproval.pack') },
                { value: 'yes', label: t('org.replyApproval.yes') },
                { value: 'no', label: t('org.replyApproval.no') },
              ]}
            />
          </Descriptions.Item>
        )}
      </Descriptions>
      {!node.editable ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('org.readOnly')}
        </Typography.Paragraph>
      ) : (
        <Space wrap style={{ margin: '12px 0' }}>
          {CHILD_KINDS[node.kind].length > 0 && (
            <Button type="primary" onClick={() => open('add')} data-testid="org-add-child">
              {t('org.addChild')}
            </Button>
          )}
          <Button onClick={() => open('rename')} data-testid="org-rename">
            {t('org.rename')}
          </Button>
          {node.kind !== 'group' && (
            <Button onClick={() => open('move')} data-testid="org-move">
              {t('org.move')}
            </Button>
          )}
          {(node.kind === 'unit' || node.kind === 'company') && (
            <Button onClick={() => open('pack')} data-testid="org-change-pack">
              {t('org.changePack')}
            </Button>
          )}
          {node.kind !== 'group' && (
            <Button danger={!node.disabled} onClick={() => void save({ disabled: !node.disabled })} data-testid="org-toggle-disabled">
              {node.disabled ? t('org.enable') : t('org.disable')}
            </Button>
          )}
        </Space>
      )}
      {node.editable && (
        <>
          <Typography.Title level={5}>{t('org.changes')}</Typography.Title>
          <Table<OrgChange>
            data-testid="org-changes"
            rowKey="id"
            size="small"
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            scroll={{ x: 720 }}
            dataSource={changes}
            columns={[
              { title: t('org.change.at'), dataIndex: 'at', width: 170, render: (at: string) => new Date(at).toLocaleString() },
              { title: t('org.change.by'), key: 'by', width: 110, render: (_, c) => c.by.name },
              {
                title: t('org.change.action'),
                dataIndex: 'action',
                width: 80,
                render: (a: string) => t(a === 'create' ? 'org.change.create' : 'org.change.update'),
              },
              { title: t('org.change.before'), key: 'before', render: (_, c) => fields(c.before) },
              { title: t('org.change.after'), key: 'after', render: (_, c) => fields(c.after) },
            ]}
          />
        </>
      )}
      <Modal
        open={dialog !== null}
        title={
          dialog === 'add'
            ? t('org.addChild')
            : dialog === 'rename'
              ? t('org.rename')
              : dialog === 'move'
                ? t('org.move')
                : t('org.changePack')
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="org-dialog-form">
          {(dialog === 'add' || dialog === 'rename') && (
            <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input data-testid="org-name-input" />
            </Form.Item>
          )}
          {dialog === 'add' && (
            <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
              <Select
                data-testid="org-kind-select"
                options={CHILD_KINDS[node.kind].map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
              />
            </Form.Item>
          )}
          {dialog === 'add' && (addKind === 'company' || addKind === 'unit') && (
            <Form.Item
              name="policyId"
              label={t('org.pack')}
              extra={addKind === 'unit' ? t('org.packInherit') : undefined}
              rules={[{ required: addKind === 'unit' && !node.policyId, message: t('common.required') }]}
            >
              <Select data-testid="org-pack-select" allowClear options={packOptions} />
            </Form.Item>
          )}
          {dialog === 'pack' && (
            <Form.Item name="policyId" label={t('org.pack')} rules={[{ required: true, message: t('common.required') }]}>
              <Select data-testid="org-pack-select" options={packOptions} />
            </Form.Item>
          )}
          {dialog === 'move' && (
            <Form.Item name="parentId" label={t('org.parent')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                data-testid="org-parent-select"
                options={moveTargets.map((n) => ({ value: n.id, label: `${n.name} (${t(`org.kind.${n.kind}`)})` }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
