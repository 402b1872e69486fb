/**
 * 流程设置 / Procedure (issue #16 item 4): a company's or unit's tuned pack. The form edits the effective
 * pack; the node's own patch is the RFC 7396 merge patch from what it inherits to the edited pack; the
 * difference from the standard pack and a sample complaint's due instants are shown before saving.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Col, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useAsync } from '../components/use-async.ts';
import { describeError, useErrorReporter } from '../components/use-error-reporter.ts';
import { formatTime } from '../components/format.ts';
import { useMeta } from '../features/meta/meta-context.tsx';
import { applyOverrides } from '../../../src/domain/policy/effective-pack.ts';
import { createMergePatch } from '../../../src/domain/policy/merge-patch.ts';
import { getNodePolicy, saveNodePolicy, type PackJson, type Patch } from '../features/policy/api.ts';
import { PolicyForm } from '../features/policy/policy-form.tsx';
import { PolicyDiff } from '../features/policy/policy-diff.tsx';
import { PolicyPreview } from '../features/policy/policy-preview.tsx';
import { setIn, type Path } from '../features/policy/edit-pack.ts';

export default function PolicyPage() {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const report = useErrorReporter();
  const { message } = AntApp.useApp();
  const nodes = meta.nodes.filter((n) => n.kind === 'company' || n.kind === 'unit');
  const [nodeId, setNodeId] = useState<string | undefined>(nodes.find((n) => n.kind === 'unit')?.id ?? nodes[0]?.id);
  const { data: loaded, error, loading, setData } = useAsync(() => (nodeId ? getNodePolicy(nodeId) : Promise.resolve(undefined)), [nodeId]);
  // Until the newly chosen node's answer arrives the previous node's pack is not shown: an edit made
  // on it would be saved as the new node's patch.
  const data = loaded?.nodeId === nodeId ? loaded : undefined;
  const [edited, setEdited] = useState<PackJson | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setEdited(data ? data.effective : null), [data]);

  // What the node inherits (the shipped pack with its ancestors' patches), and its own patch as edited.
  const inheritedPack = useMemo(() => (data ? (applyOverrides(data.standard, data.inherited) as unknown as PackJson) : null), [data]);
  const patch = useMemo(() => (inheritedPack && edited ? (createMergePatch(inheritedPack, edited) as Patch) : {}), [inheritedPack, edited]);
  const dirty = useMemo(
    () => !!data && !!edited && Object.keys(createMergePatch(data.effective, edited) as Patch).length > 0,
    [data, edited],
  );

  const onEdit = (path: Path, value: unknown) => setEdited((prev) => (prev ? setIn(prev, path, value) : prev));
  const save = async () => {
    if (!data || !nodeId) return;
    setSaving(true);
    try {
      const saved = await saveNodePolicy(nodeId, patch, data.policyId);
      setData(saved);
      message.success(t('policy.saved', { v: saved.version }));
    } catch (err) {
      report(err);
    } finally {
      setSaving(false);
    }
  };
  const pack = data ? meta.packs.get(data.policyId) : undefined;
  const versionLabel = (v: number) => (v === 0 ? t('policy.standard') : t('policy.versionN', { v }));

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('policy.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      {nodes.length === 0 ? (
        <Alert type="info" title={t('policy.noNodes')} />
      ) : (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('policy.node')}
            data-testid="policy-node"
            style={{ width: 280 }}
            value={nodeId}
            onChange={setNodeId}
            showSearch
            optionFilterProp="label"
            options={nodes.map((n) => ({ value: n.id, label: n.name }))}
          />
          {data && (
            <>
              <Tag>
                {t('policy.pack')}: {pack ? pick(pack.nameZh, pack.name) : data.policyId}
              </Tag>
              <Tag color="blue" data-testid="policy-version">
                {t('policy.version')}: {versionLabel(data.version)}
              </Tag>
              {data.inherited.map((i) => (
                <Tag key={i.version} color="purple">
                  {t('policy.inherited', { name: i.nodeName, v: i.version })}
                </Tag>
              ))}
            </>
          )}
        </Space>
      )}
      {error !== undefined && <Alert type="error" title={describeError(error, t)} />}
      {loading && <Spin />}
      {data && edited && nodeId && (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <PolicyForm pack={edited} onEdit={onEdit} />
          </Col>
          <Col xs={24} xl={10}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Button type="primary" onClick={() => void save()} loading={saving} disabled={!dirty} data-testid="policy-save">
                  {t('policy.save')}
                </Button>
                <Button onClick={() => setEdited(data.effective)} disabled={!dirty}>
                  {t('policy.discard')}
                </Button>
                {!dirty && <Typography.Text type="secondary">{t('policy.unchanged')}</Typography.Text>}
              </Space>
              <PolicyDiff standard={data.standard} edited={edited} />
              <PolicyPreview key={`${nodeId}-${data.version}`} nodeId={nodeId} policyId={data.policyId} patch={patch} />
              {data.history.length > 0 && (
                <Typography.Paragraph type="secondary" data-testid="policy-history">
                  {t('policy.history')}:{' '}
                  {data.history
                    .map((h) => t('policy.historyEntry', { v: h.version, at: formatTime(h.createdAt), by: h.createdByName ?? '—' }))
                    .join('；')}
                </Typography.Paragraph>
              )}
            </Space>
          </Col>
        </Row>
      )}
    </>
  );
}
