/** Realistic demo complaints in Chinese, one list per unit, each with the stage it is taken to. */
import type { Channel } from '../domain/contracts.ts';

export type DemoStage = 'received' | 'qualified' | 'dispatched' | 'acknowledged' | 'investigated' | 'replied' | 'confirmed' | 'closed' | 'invalid' | 'suggestion' | 'disputed';

export interface DemoComplaint {
  unitId: string;
  dept: string; // department key under the unit
  channel: Channel;
  daysAgo: number;
  hour: number; // local hour of receipt
  customer: { name: string; phone: string; type?: string };
  title: string;
  content: string;
  demands?: string;
  /** Words to pick a category from the pack's taxonomy (first match on nameZh). */
  categoryHint?: string;
  complainantCount?: number;
  flags?: { media?: boolean; lawsuit?: boolean; safety?: boolean };
  batchNo?: string;
  stage: DemoStage;
  score?: number;
}

export const DEMO_COMPLAINTS: DemoComplaint[] = [
  // Real estate (Vanke procedure)
  { unitId: 'u-re-garden', dept: 'eng', channel: 'phone', daysAgo: 0, hour: 10, customer: { name: '张伟', phone: '13800138001', type: 'owner' }, title: '3栋1201室卫生间天花板漏水', content: '业主反映3栋1201室主卫天花板持续漏水，楼上住户装修后开始出现，已影响正常使用，墙面发霉。', demands: '尽快查明原因并维修，赔偿墙面损失', categoryHint: '工程', stage: 'received' },
  { unitId: 'u-re-garden', dept: 'eng', channel: 'forum', daysAgo: 1, hour: 21, customer: { name: '李娜', phone: '13900139002', type: 'owner' }, title: '3栋楼上漏水导致卫生间天花板渗水', content: '3栋12楼卫生间天花板渗水漏水，怀疑楼上防水层破损，物业多次上门未解决。', demands: '彻底修复防水', categoryHint: '工程', stage: 'dispatched' },
  { unitId: 'u-re-garden', dept: 'eng', channel: 'email', daysAgo: 2, hour: 9, customer: { name: '王磊', phone: '13700137003', type: 'owner' }, title: '3栋卫生间天花板漏水渗水', content: '我家在3栋11楼，卫生间天花板也在漏水渗水，和邻居情况一样，应该是同一处防水问题。', categoryHint: '工程', stage: 'acknowledged' },
  { unitId: 'u-re-garden', dept: 'sales', channel: 'walk_in', daysAgo: 6, hour: 15, customer: { name: '赵敏', phone: '13600136004', type: 'prospective_owner' }, title: '交房时间延迟未告知', content: '购房合同约定10月底交房，至今未收到任何通知，销售顾问电话也不接。', demands: '书面说明延期原因并按合同支付违约金', categoryHint: '销售', complainantCount: 4, stage: 'investigated' },
  { unitId: 'u-re-garden', dept: 'pm', channel: 'phone', daysAgo: 9, hour: 11, customer: { name: '钱进', phone: '13500135005', type: 'owner' }, title: '地下车库积水无人处理', content: '连续下雨后地下车库B2层积水约20厘米，多辆车被泡，物业称需要等待开发商处理。', demands: '排水并评估车辆损失', categoryHint: '物业', flags: { media: true }, stage: 'replied' },
  { unitId: 'u-re-garden', dept: 'cs', channel: 'phone', daysAgo: 14, hour: 14, customer: { name: '孙丽', phone: '13400134006', type: 'owner' }, title: '客服热线多次无人接听', content: '连续三天拨打项目客服热线均无人接听，报修无法登记。', categoryHint: '客户服务', stage: 'closed', score: 4 },
  { unitId: 'u-re-garden', dept: 'eng', channel: 'letter', daysAgo: 20, hour: 10, customer: { name: '周杰', phone: '13300133007', type: 'owner' }, title: '外墙瓷砖脱落存在安全隐患', content: '5栋外墙有多块瓷砖脱落，砸坏楼下车棚，存在严重安全隐患。', demands: '全面排查外墙并加固', categoryHint: '工程', flags: { safety: true }, stage: 'disputed' },
  { unitId: 'u-re-garden', dept: 'sales', channel: 'phone', daysAgo: 3, hour: 16, customer: { name: '吴昊', phone: '13200132008', type: 'other' }, title: '推销电话骚扰', content: '来电者称接到自称贵司的推销电话，经核实为其他楼盘中介所为，与本公司无关。', stage: 'invalid' },

  // Fuel retail
  { unitId: 'u-fuel-s1', dept: 'ops', channel: 'phone', daysAgo: 0, hour: 8, customer: { name: '郑浩', phone: '13811110001' }, title: '加油量不足，怀疑油枪计量不准', content: '加了300元92号汽油，油表只上升了不到四分之一，怀疑2号油枪计量不准。', demands: '检测油枪并退还差价', categoryHint: '数量', stage: 'received' },
  { unitId: 'u-fuel-s1', dept: 'ops', channel: 'phone', daysAgo: 1, hour: 19, customer: { name: '冯雪', phone: '13811110002' }, title: '2号油枪加油量不足', content: '在滨江路站2号油枪加油，加油量明显少于平时，加满后续航比以往少很多。', categoryHint: '数量', stage: 'qualified' },
  { unitId: 'u-fuel-s1', dept: 'ops', channel: 'web', daysAgo: 2, hour: 12, customer: { name: '陈晨', phone: '13811110003' }, title: '加油员服务态度恶劣', content: '询问发票开具方式时，加油员语气很冲，还让我自己去便利店问。', demands: '道歉', categoryHint: '服务', stage: 'acknowledged' },
  { unitId: 'u-fuel-s1', dept: 'fin', channel: 'email', daysAgo: 5, hour: 10, customer: { name: '褚红', phone: '13811110004' }, title: '发票金额与实际消费不符', content: '加油消费450元，开具的电子发票金额为405元，无法报销。', demands: '重开发票', categoryHint: '发票', stage: 'replied' },
  { unitId: 'u-fuel-s1', dept: 'ops', channel: 'phone', daysAgo: 4, hour: 22, customer: { name: '卫东', phone: '13811110005' }, title: '加油站地面有油渍泄漏', content: '夜间加油时发现3号加油岛地面有大片油渍，疑似管线泄漏，有很大安全隐患。', categoryHint: '安全', flags: { safety: true }, stage: 'dispatched' },
  { unitId: 'u-fuel-s1', dept: 'shop', channel: 'walk_in', daysAgo: 12, hour: 17, customer: { name: '蒋涛', phone: '13811110006' }, title: '便利店商品过期', content: '在站内便利店购买的酸奶已过保质期三天。', demands: '退款并赔偿', categoryHint: '非油', stage: 'closed', score: 5 },

  // Food
  { unitId: 'u-food-plant', dept: 'qa', channel: 'phone', daysAgo: 0, hour: 11, customer: { name: '沈佳', phone: '13922220001' }, title: '饼干中发现金属异物', content: '打开一包奶香饼干，咬到一块约5毫米的金属片，牙齿受伤。', demands: '解释原因并赔偿医疗费', categoryHint: '异物', batchNo: 'B20261118-03', stage: 'received' },
  { unitId: 'u-food-plant', dept: 'prod', channel: 'email', daysAgo: 3, hour: 15, customer: { name: '韩梅', phone: '13922220002' }, title: '整箱产品净含量不足', content: '购买的一箱牛肉干，每袋标称100克，实称只有88至92克。', demands: '补足或退货', categoryHint: '重量', batchNo: 'B20261102-11', stage: 'investigated' },
  { unitId: 'u-food-plant', dept: 'mkt', channel: 'web', daysAgo: 7, hour: 9, customer: { name: '杨光', phone: '13922220003' }, title: '外包装破损受潮', content: '网购收到的整箱饼干外包装破损，部分受潮变软。', demands: '换货', categoryHint: '包装', stage: 'confirmed' },
  { unitId: 'u-food-plant', dept: 'qa', channel: 'regulator', daysAgo: 10, hour: 10, customer: { name: '朱琳', phone: '13922220004' }, title: '12315转来：产品发霉变质', content: '市场监管部门转来投诉：消费者购买的蛋糕在保质期内出现霉点。', demands: '退款并赔偿', categoryHint: '霉', stage: 'acknowledged' },

  // Property management
  { unitId: 'u-prop-jx', dept: 'eng', channel: 'phone', daysAgo: 0, hour: 9, customer: { name: '秦风', phone: '13633330001', type: 'owner' }, title: '电梯频繁停运困人', content: '8号楼电梯本周两次困人，今天早上又停运，老人上下楼非常困难。', demands: '彻底检修并公示维保记录', categoryHint: '设施', complainantCount: 12, stage: 'received' },
  { unitId: 'u-prop-jx', dept: 'sec', channel: 'walk_in', daysAgo: 2, hour: 20, customer: { name: '尤静', phone: '13633330002', type: 'owner' }, title: '夜间广场舞噪音扰民', content: '小区中心广场每晚九点后仍有广场舞音乐，声音很大，影响休息。', categoryHint: '秩序', complainantCount: 5, stage: 'dispatched' },
  { unitId: 'u-prop-jx', dept: 'cs', channel: 'phone', daysAgo: 6, hour: 13, customer: { name: '许诺', phone: '13633330003', type: 'owner' }, title: '物业费收费标准不透明', content: '今年物业费上涨但没有公示依据，要求查看收支明细。', categoryHint: '收费', stage: 'replied' },
  { unitId: 'u-prop-jx', dept: 'eng', channel: 'phone', daysAgo: 15, hour: 10, customer: { name: '何平', phone: '13633330004', type: 'owner' }, title: '楼道灯长期不亮', content: '3单元5到8楼楼道灯坏了两周，晚上回家很不安全。', categoryHint: '设施', stage: 'closed', score: 3 },

  // Manufacturing QA
  { unitId: 'u-mfg-qa', dept: 'qa', channel: 'email', daysAgo: 1, hour: 10, customer: { name: '吕工（某汽配公司）', phone: '02188886666' }, title: '来料尺寸超差导致装配不良', content: '客户反馈批次L2611-07的轴套外径超差0.05mm，装配线不良率12%。', demands: '24小时内确认并提供临时遏制措施', categoryHint: '质量', batchNo: 'L2611-07', stage: 'dispatched' },
  { unitId: 'u-mfg-qa', dept: 'sales', channel: 'phone', daysAgo: 4, hour: 14, customer: { name: '施经理（某电子公司）', phone: '075566668888' }, title: '交货延迟影响客户排产', content: '订单PO-8812约定11月15日交货，延迟5天，导致客户产线停线半天。', categoryHint: '交期', stage: 'investigated' },
  { unitId: 'u-mfg-qa', dept: 'prod', channel: 'email', daysAgo: 8, hour: 9, customer: { name: '张工（某家电公司）', phone: '057188889999' }, title: '产品表面划伤', content: '批次L2610-22外观有划伤，比例约3%，客户要求挑选。', categoryHint: '外观', batchNo: 'L2610-22', stage: 'replied' },

  // Restaurant
  { unitId: 'u-rest-zs', dept: 'kitchen', channel: 'walk_in', daysAgo: 0, hour: 12, customer: { name: '孔先生', phone: '13755550001' }, title: '上错菜且等待时间过长', content: '点的是清蒸鲈鱼，上来的是红烧鲈鱼，重新做又等了四十分钟。', demands: '免单', categoryHint: '上错', stage: 'received' },
  { unitId: 'u-rest-zs', dept: 'floor', channel: 'phone', daysAgo: 2, hour: 19, customer: { name: '曹女士', phone: '13755550002' }, title: '服务员将汤汁洒在衣服上', content: '服务员上汤时不小心洒在我的外套上，只说了句对不起就走了。', demands: '承担干洗费用', categoryHint: '衣', stage: 'acknowledged' },
  { unitId: 'u-rest-zs', dept: 'kitchen', channel: 'web', daysAgo: 5, hour: 20, customer: { name: '严先生', phone: '13755550003' }, title: '菜品中吃出头发', content: '宫保鸡丁里有一根头发，非常恶心。', categoryHint: '异物', stage: 'closed', score: 4 },

  // Service centre
  { unitId: 'u-svc', dept: 'general', channel: 'phone', daysAgo: 0, hour: 15, customer: { name: '华女士', phone: '13866660001' }, title: '退款申请超过十五天未到账', content: '10月30日申请退款，客服说7个工作日到账，至今仍未收到退款。', demands: '尽快退款', stage: 'received' },
  { unitId: 'u-svc', dept: 'general', channel: 'email', daysAgo: 1, hour: 10, customer: { name: '金先生', phone: '13866660002' }, title: '退款迟迟未到账', content: '取消订单后申请退款，已经过去两周退款仍未到账，多次催促无果。', demands: '退款并说明原因', stage: 'qualified' },
  { unitId: 'u-svc', dept: 'tech', channel: 'api', daysAgo: 3, hour: 11, customer: { name: '魏女士', phone: '13866660003' }, title: 'APP无法登录', content: '升级后APP一直提示网络错误，无法登录查看订单。', stage: 'investigated' },
  { unitId: 'u-svc', dept: 'general', channel: 'phone', daysAgo: 11, hour: 16, customer: { name: '陶先生', phone: '13866660004' }, title: '建议增加夜间人工客服', content: '晚上九点后只有机器人客服，希望增加夜间人工服务。', stage: 'suggestion' },
];
