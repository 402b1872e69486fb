/**
 * 组织架构 (issue #16 item 2): the tree in the administrator's scope (the nodes above it shown, not
 * editable), the selected node's details, actions and change log, and the import of a workbook.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, Collapse, Empty, Row, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useT } from '../i18n/i18n-context.tsx';
import { useErrorReporter } from '../components/use-error-reporter.ts';
import { getPolicies } from '../features/meta/api.ts';
import type { PolicySummary } from '../api/types.ts';
import { listNodes, type AdminNode } from '../features/org/api.ts';
import { NodePanel } from '../features/org/node-panel.tsx';
import { ImportPanel } from '../features/org/import-panel.tsx';

export default function OrgPage() {
  const t = useT();
  const report = useErrorReporter();
  const [nodes, setNodes] = useState<AdminNode[]>([]);
  const [policies, setPolicies] = useState<PolicySummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(
    async (selectId?: string) => {
      try {
        const list = await listNodes();
        setNodes(list);
        setSelected((s) => selectId ?? s ?? list.find((n) => n.editable)?.id ?? null);
      } catch (err) {
        report(err);
      }
    },
    [report],
  );
  useEffect(() => {
    void load();
    getPolicies().then(setPolicies, report);
  }, [load, report]);

  const treeData = useMemo(() => {
    const build = (parentId: string | null): DataNode[] =>
      // The roots are the nodes whose parent is not shown (the top node, or a scoped administrator's chain).
      (parentId === null ? nodes.filter((n) => !nodes.some((p) => p.id === n.parentId)) : nodes.filter((n) => n.parentId === parentId)).map(
        (n) => ({
          key: n.id,
          title: (
            <span data-testid={`org-tree-${n.id}`}>
              {n.name} <Tag>{t(`org.kind.${n.kind}`)}</Tag>
              {n.disabled && <Tag color="red">{t('org.disabled')}</Tag>}
              {n.kind === 'unit' && n.portal && <Tag color="green">{t('org.portalOpen')}</Tag>}
            </span>
          ),
          children: build(n.id),
        }),
      );
    return build(null);
  }, [nodes, t]);
  const node = nodes.find((n) => n.id === selected) ?? null;

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('org.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('org.intro')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card size="small">
            {nodes.length ? (
              <div data-testid="org-tree">
                <Tree
                  blockNode
                  defaultExpandAll
                  key={nodes.length}
                  treeData={treeData}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                />
              </div>
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small">
            {node ? (
              <NodePanel node={node} nodes={nodes} policies={policies} onChanged={(id) => void load(id)} />
            ) : (
              <Empty description={t('org.selectNode')} />
            )}
          </Card>
        </Col>
      </Row>
      <Collapse
        style={{ marginTop: 16 }}
        items={[{ key: 'import', label: t('org.import'), children: <ImportPanel onImported={() => void load()} /> }]}
      />
    </>
  );
}
