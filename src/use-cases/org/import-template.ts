/** The workbook the organisation import reads (issue #16 item 2), with its headers, an example row per sheet and the lists to choose from. */
import { loadExcelJS } from '../load-exceljs.ts';
import { PACKS } from '../../policies/index.ts';
import { ROLES, ROLE_LABELS } from '../../security/permissions.ts';
import { ORG_COLUMNS, ORG_SHEET, PEOPLE_COLUMNS, PEOPLE_SHEET } from './import-org.ts';

export async function orgImportTemplate(): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const org = wb.addWorksheet(ORG_SHEET);
  org.addRow(Object.values(ORG_COLUMNS).map((h) => h[0]));
  org.addRow(['示例地产公司', '公司', '（集团名称或编号）', 'real-estate', '']);
  org.addRow(['示例花园项目', '单位', '示例地产公司', '', '是']);
  org.addRow(['工程管理部', '部门', '示例花园项目', '', '']);
  const people = wb.addWorksheet(PEOPLE_SHEET);
  people.addRow(Object.values(PEOPLE_COLUMNS).map((h) => h[0]));
  people.addRow(['li.qiang@example.com', '李强', '项目客服专员', '示例花园项目', '']);
  const lists = wb.addWorksheet('说明');
  lists.addRow(['类型', '集团 / 公司 / 单位（项目） / 部门；公司在集团下，单位在公司下，部门在单位或公司下']);
  lists.addRow(['上级', '本表中另一行的名称，或系统中已有节点的名称或编号']);
  lists.addRow(['政策包', '单位必填（或沿用所属公司的政策包）：']);
  for (const p of PACKS) lists.addRow(['', p.id, p.nameZh]);
  lists.addRow(['角色']);
  for (const r of ROLES) lists.addRow(['', r, ROLE_LABELS[r]]);
  lists.addRow(['密码', '导入的人员没有可用密码，须经邀请或由管理员设置密码后才能登录']);
  for (const ws of [org, people]) for (const c of ws.columns) c.width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
