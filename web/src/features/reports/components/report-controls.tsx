/** The report's query: organisation node (the user's subtree and the chain above it), period kind and a date in it. */
import { DatePicker, Form, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useT } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import type { OrgNode } from '../../../api/types.ts';
import { REPORT_KINDS, type PeriodicQuery } from '../api.ts';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** Org nodes as a tree (departments are left out: reports are per unit or above). */
export function useNodeTree(): TreeNode[] {
  const { nodes } = useMeta();
  return useMemo(() => {
    const shown = nodes.filter((n) => n.kind !== 'department');
    const ids = new Set(shown.map((n) => n.id));
    const build = (parent: OrgNode | null): TreeNode[] =>
      shown
        .filter((n) => (parent ? n.parentId === parent.id : !n.parentId || !ids.has(n.parentId)))
        .map((n) => ({ value: n.id, title: n.name, children: build(n) }));
    return build(null);
  }, [nodes]);
}

export function ReportControls({
  query,
  onChange,
  showKind = true,
  schedules = false,
}: {
  query: PeriodicQuery;
  onChange: (q: PeriodicQuery) => void;
  showKind?: boolean;
  /** The report-schedules tab: no kind, and a day (the due dates are counted from it) rather than a quarter. */
  schedules?: boolean;
}) {
  const t = useT();
  const tree = useNodeTree();
  // Every tab holds a copy of these controls; their ids must differ.
  const id = (what: string) => `report-${what}-${schedules ? 'schedules' : showKind ? 'periodic' : 'kpi'}`;
  const byDay = showKind || schedules;
  return (
    <Form layout="inline" className="report-controls" data-testid="report-controls">
      <Form.Item label={t('reports.node')} htmlFor={id('node')}>
        <TreeSelect
          id={id('node')}
          treeData={tree}
          value={query.nodeId}
          onChange={(nodeId: string) => onChange({ ...query, nodeId })}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          style={{ minWidth: 220 }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      {showKind && (
        <Form.Item label={t('reports.kind')} htmlFor={id('kind')}>
          <Select
            id={id('kind')}
            value={query.kind}
            onChange={(kind) => onChange({ ...query, kind })}
            options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
            style={{ minWidth: 120 }}
          />
        </Form.Item>
      )}
      <Form.Item label={byDay ? t('reports.date') : t('reports.quarter')} htmlFor={id('date')}>
        <DatePicker
          id={id('date')}
          picker={byDay ? 'date' : 'quarter'}
          allowClear={false}
          value={dayjs(query.period)}
          onChange={(d) => d && onChange({ ...query, period: d.format('YYYY-MM-DD') })}
        />
      </Form.Item>
    </Form>
  );
}
