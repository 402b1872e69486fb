import { useEffect, useMemo, useState } from 'react';
import { Checkbox, Input, Select, Space, Tag, TreeSelect } from 'antd';
import { formatTime } from '../../../components/format.ts';
import { CHANNELS, CLOCK_STATES, STATUSES, type Category } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { useMeta } from '../../meta/meta-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import type { QueueFilters } from '../api.ts';

interface Props {
  value: QueueFilters;
  onChange: (next: QueueFilters) => void;
}

interface TreeNode {
  value: string;
  title: string;
  selectable?: boolean;
  children?: TreeNode[];
}

export function QueueFiltersBar({ value, onChange }: Props) {
  const { t, pick } = useI18n();
  const meta = useMeta();
  const labels = useLabels();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<QueueFilters>) => onChange({ ...value, ...patch });

  // Level ids repeat across packs ('general'); one option per id, naming every pack's wording of it.
  const levelOptions = useMemo(() => {
    const names = new Map<string, Set<string>>();
    for (const pack of meta.packs.values())
      for (const l of pack.severity.levels) names.set(l.id, (names.get(l.id) ?? new Set()).add(pick(l.nameZh, l.name)));
    return [...names].map(([id, set]) => ({ value: id, label: [...set].join(' / ') }));
  }, [meta.packs, pick]);

  const categoryTree = useMemo<TreeNode[]>(() => {
    const toNode = (c: Category, packId: string): TreeNode => ({
      value: c.id,
      title: pick(c.nameZh, c.name),
      children: c.children?.map((x) => toNode(x, packId)),
    });
    return [...meta.packs.values()].map((p) => ({
      value: `pack:${p.id}`,
      title: pick(p.nameZh, p.name),
      selectable: false,
      children: p.taxonomy.map((c) => toNode(c, p.id)),
    }));
  }, [meta.packs, pick]);

  return (
    <Space wrap className="filters" aria-label={t('queue.title')}>
      <Input.Search
        aria-label={t('queue.search')}
        placeholder={t('queue.search')}
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => set({ q: v || undefined })}
        style={{ width: 260 }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('queue.filterStatus')}
        placeholder={t('queue.filterStatus')}
        value={value.status ?? []}
        onChange={(v) => set({ status: v.length ? v : undefined })}
        options={STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
        maxTagCount="responsive"
        style={{ width: 200 }}
        data-testid="filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('queue.filterLevel')}
        placeholder={t('queue.filterLevel')}
        value={value.level ?? []}
        onChange={(v) => set({ level: v.length ? v : undefined })}
        options={levelOptions}
        maxTagCount="responsive"
        style={{ width: 180 }}
      />
      <TreeSelect
        allowClear
        showSearch
        aria-label={t('queue.filterCategory')}
        placeholder={t('field.category')}
        value={value.categoryId}
        onChange={(v: string | undefined) => set({ categoryId: v || undefined })}
        treeData={categoryTree}
        treeNodeFilterProp="title"
        style={{ width: 200 }}
        popupMatchSelectWidth={320}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('queue.filterUnit')}
        placeholder={t('queue.filterUnit')}
        value={value.unitId ?? []}
        onChange={(v) => set({ unitId: v.length ? v : undefined })}
        options={meta.units.map((u) => ({ value: u.id, label: u.name }))}
        maxTagCount="responsive"
        optionFilterProp="label"
        style={{ width: 200 }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label={t('queue.filterChannel')}
        placeholder={t('queue.filterChannel')}
        value={value.channel ?? []}
        onChange={(v) => set({ channel: v.length ? v : undefined })}
        options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
        maxTagCount="responsive"
        style={{ width: 170 }}
      />
      <Select
        allowClear
        aria-label={t('queue.filterClock')}
        placeholder={t('queue.filterClock')}
        value={value.clockState}
        onChange={(v: string | undefined) => set({ clockState: v || undefined })}
        options={CLOCK_STATES.map((s) => ({ value: s, label: labels.clockState(s) }))}
        style={{ width: 150 }}
      />
      <Checkbox checked={!!value.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
        {t('queue.filterOverdue')}
      </Checkbox>
      <Checkbox checked={!!value.mine} onChange={(e) => set({ mine: e.target.checked || undefined })}>
        {t('queue.filterMine')}
      </Checkbox>
      {(value.receivedFrom || value.receivedTo) && (
        <Tag closable onClose={() => set({ receivedFrom: undefined, receivedTo: undefined })}>
          {t('field.receivedAt')}: {formatTime(value.receivedFrom)} – {formatTime(value.receivedTo)}
        </Tag>
      )}
      <Select
        aria-label={t('queue.sort')}
        value={value.sort}
        onChange={(v) => set({ sort: v })}
        options={[
          { value: 'due', label: t('queue.sortDue') },
          { value: 'received', label: t('queue.sortReceived') },
        ]}
        style={{ width: 170 }}
      />
    </Space>
  );
}
