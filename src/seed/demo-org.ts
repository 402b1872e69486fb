/**
 * The demo organisation: one group, a company and unit per source procedure, departments, one user per role.
 * Every demo unit is open to the public portal (issue #16 item 5: the portal lists only the units opened to it).
 */
export interface DemoNode {
  id: string;
  parentId: string | null;
  kind: 'group' | 'company' | 'unit' | 'department';
  name: string;
  policyId?: string;
  settings?: Record<string, unknown>;
}

const dept = (unit: string, key: string, name: string): DemoNode => ({ id: `${unit}-${key}`, parentId: unit, kind: 'department', name });

export const DEMO_NODES: DemoNode[] = [
  { id: 'grp', parentId: null, kind: 'group', name: '示范控股集团' },

  { id: 'co-re', parentId: 'grp', kind: 'company', name: '示范地产有限公司' },
  {
    id: 'u-re-garden',
    parentId: 'co-re',
    kind: 'unit',
    name: '城市花园项目',
    policyId: 'real-estate',
    settings: { replyApproval: true, portal: true },
  },
  dept('u-re-garden', 'eng', '工程管理部'),
  dept('u-re-garden', 'sales', '销售管理部'),
  dept('u-re-garden', 'pm', '物业服务中心'),
  dept('u-re-garden', 'cs', '客户关系中心'),

  { id: 'co-fuel', parentId: 'grp', kind: 'company', name: '示范石油销售公司' },
  { id: 'u-fuel-s1', parentId: 'co-fuel', kind: 'unit', name: '滨江路加油站', policyId: 'fuel-retail', settings: { portal: true } },
  dept('u-fuel-s1', 'ops', '站务班组'),
  dept('u-fuel-s1', 'fin', '财务核算组'),
  dept('u-fuel-s1', 'shop', '便利店'),

  { id: 'co-food', parentId: 'grp', kind: 'company', name: '示范食品有限公司' },
  { id: 'u-food-plant', parentId: 'co-food', kind: 'unit', name: '食品一厂', policyId: 'food', settings: { portal: true } },
  dept('u-food-plant', 'prod', '生产部'),
  dept('u-food-plant', 'qa', '品质管理部'),
  dept('u-food-plant', 'mkt', '市场营销部'),

  { id: 'co-prop', parentId: 'grp', kind: 'company', name: '示范物业管理有限公司' },
  { id: 'u-prop-jx', parentId: 'co-prop', kind: 'unit', name: '锦绣家园物业管理处', policyId: 'property', settings: { portal: true } },
  dept('u-prop-jx', 'eng', '工程维修部'),
  dept('u-prop-jx', 'sec', '秩序维护部'),
  dept('u-prop-jx', 'cs', '客户服务部'),

  { id: 'co-mfg', parentId: 'grp', kind: 'company', name: '示范精密制造有限公司' },
  { id: 'u-mfg-qa', parentId: 'co-mfg', kind: 'unit', name: '客诉处理组（品保部）', policyId: 'manufacturing', settings: { portal: true } },
  dept('u-mfg-qa', 'prod', '生产部'),
  dept('u-mfg-qa', 'qa', '品质保证部'),
  dept('u-mfg-qa', 'sales', '业务部'),

  { id: 'co-rest', parentId: 'grp', kind: 'company', name: '示范餐饮管理有限公司' },
  { id: 'u-rest-zs', parentId: 'co-rest', kind: 'unit', name: '中山路餐厅', policyId: 'restaurant', settings: { portal: true } },
  dept('u-rest-zs', 'kitchen', '厨房'),
  dept('u-rest-zs', 'floor', '前厅'),

  { id: 'co-svc', parentId: 'grp', kind: 'company', name: '示范客户服务中心' },
  { id: 'u-svc', parentId: 'co-svc', kind: 'unit', name: '客户服务中心热线', policyId: 'service-centre', settings: { portal: true } },
  dept('u-svc', 'general', '综合业务部'),
  dept('u-svc', 'tech', '技术支持部'),
];

export const DEMO_PASSWORD = 'plaint-demo';

export const DEMO_USERS = [
  { email: 'admin@plaint.demo', name: '系统管理员', role: 'admin', orgNodeId: 'grp' },
  { email: 'agent@plaint.demo', name: '客服专员 王芳', role: 'agent', orgNodeId: 'grp' },
  { email: 'specialist@plaint.demo', name: '项目客服专员 李强', role: 'specialist', orgNodeId: 'u-re-garden' },
  { email: 'handler@plaint.demo', name: '工程管理部 赵磊', role: 'handler', orgNodeId: 'u-re-garden-eng' },
  { email: 'qa@plaint.demo', name: '品质主管 陈静', role: 'qa', orgNodeId: 'co-mfg' },
  { email: 'manager@plaint.demo', name: '客服经理 刘洋', role: 'manager', orgNodeId: 'grp' },
  { email: 'auditor@plaint.demo', name: '审计 孙敏', role: 'auditor', orgNodeId: 'grp' },
];
