/**
 * One line per complaint field: the file's column(s) that fill it, and for unit and channel a default
 * (used when the column is empty or not mapped). With a previewed CSV/TSV the columns are offered in a
 * Select; for xlsx (not read in the browser) the user types header names or 1-based column numbers.
 */
import { Select, Table, Typography } from 'antd';
import { CHANNELS } from '../../../api/types.ts';
import { useT } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';
import { useMeta } from '../../meta/meta-context.tsx';
import { useLabels } from '../../meta/use-labels.ts';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportDefaults, type ImportField, type ImportMapping } from '../api.ts';

export interface ColumnOption {
  value: string;
  label: string;
}

export const fieldKey = (f: ImportField) => `imports.field.${f}` as MessageKey;

interface Props {
  /** The file's columns, or null when they are not known (xlsx): then columns are typed. */
  columns: ColumnOption[] | null;
  mapping: ImportMapping;
  defaults: ImportDefaults;
  onMapping: (m: ImportMapping) => void;
  onDefaults: (d: ImportDefaults) => void;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function MappingTable({ columns, mapping, defaults, onMapping, onDefaults }: Props) {
  const t = useT();
  const meta = useMeta();
  const labels = useLabels();
  const setColumn = (field: ImportField, value: string | string[] | undefined) => {
    const next = { ...mapping };
    const list = asList(value).filter((v) => v.trim() !== '');
    if (list.length === 0) delete next[field];
    else next[field] = field === 'content' ? list : list[list.length - 1];
    onMapping(next);
  };
  const setDefault = (field: ImportField, value: string | undefined) => {
    const next = { ...defaults };
    if (value) next[field] = value;
    else delete next[field];
    onDefaults(next);
  };

  const columnSelect = (field: ImportField) => {
    const label = t(fieldKey(field));
    const multiple = field === 'content';
    if (columns) {
      return (
        <Select
          aria-label={label}
          allowClear
          showSearch
          optionFilterProp="label"
          mode={multiple ? 'multiple' : undefined}
          placeholder={t('imports.pickColumn')}
          options={columns}
          value={multiple ? asList(mapping[field]) : (mapping[field] as string | undefined)}
          onChange={(v: string | string[] | undefined) => setColumn(field, v)}
          style={{ width: '100%' }}
        />
      );
    }
    return (
      <Select
        aria-label={label}
        mode="tags"
        allowClear
        open={false}
        suffixIcon={null}
        placeholder={t('imports.typeColumn')}
        value={asList(mapping[field])}
        onChange={(v: string[]) => setColumn(field, v)}
        style={{ width: '100%' }}
      />
    );
  };

  const defaultPicker = (field: ImportField) => {
    if (field === 'unitId') {
      return (
        <Select
          aria-label={t('imports.defaultUnit')}
          allowClear
          showSearch
          optionFilterProp="label"
          options={meta.units.map((u) => ({ value: u.id, label: u.name }))}
          value={defaults.unitId}
          onChange={(v: string | undefined) => setDefault('unitId', v)}
          style={{ width: '100%' }}
        />
      );
    }
    if (field === 'channel') {
      return (
        <Select
          aria-label={t('imports.defaultChannel')}
          allowClear
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          value={defaults.channel}
          onChange={(v: string | undefined) => setDefault('channel', v)}
          style={{ width: '100%' }}
        />
      );
    }
    return null;
  };

  return (
    <Table
      className="import-mapping"
      size="small"
      pagination={false}
      rowKey="field"
      scroll={{ x: 'max-content' }}
      dataSource={IMPORT_FIELDS.map((field) => ({ field }))}
      columns={[
        {
          title: t('imports.fieldCol'),
          dataIndex: 'field',
          width: 200,
          render: (f: ImportField) => (
            <Typography.Text>
              {t(fieldKey(f))}
              {REQUIRED_FIELDS.includes(f) && <Typography.Text type="danger"> *</Typography.Text>}
            </Typography.Text>
          ),
        },
        {
          title: t('imports.columnCol'),
          key: 'column',
          width: 320,
          render: (_: unknown, r: { field: ImportField }) => columnSelect(r.field),
        },
        {
          title: t('imports.defaultCol'),
          key: 'default',
          width: 260,
          render: (_: unknown, r: { field: ImportField }) => defaultPicker(r.field),
        },
      ]}
    />
  );
}
