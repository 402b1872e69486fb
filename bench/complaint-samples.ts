/**
 * Varied, realistic Chinese complaints across the demo units, for the benchmark and the fault tests.
 * Deterministic from a sequence number (no randomness), so a run can be repeated and a retried
 * request can rebuild exactly the body it sent the first time (the Idempotency-Key checks the body).
 */

export interface ComplaintBody {
  unitId: string;
  channel: 'phone' | 'email' | 'web' | 'forum' | 'letter' | 'walk_in' | 'regulator' | 'api';
  receivedAt?: string;
  customer: { name: string; phone?: string; email?: string };
  title: string;
  content: string;
  demands?: string;
  batchNo?: string;
}

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length];
/** A deterministic scramble of (n, field), so the parts of a sample vary independently of each other. */
function mix(n: number, field: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(field + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰'];
const CHANNELS = ['phone', 'web', 'email', 'phone', 'walk_in', 'api'] as const;

interface UnitVocabulary {
  unitId: string;
  /** What the complaint is about and what went wrong: a matter is one (subject, problem) pair. */
  subjects: readonly string[];
  problems: readonly string[];
  /** How customers at this unit tell it: place, time and consequence vary independently. */
  places: readonly string[];
  consequences: readonly string[];
  demands: readonly string[];
}

// The seven demo units and the kinds of complaint each one really receives. Subjects and problems
// use different words so that two complaints count as "the same matter" (R-SV-1) about as often as
// in a real queue — mostly not — instead of every templated sample linking to every other one.
const UNITS: UnitVocabulary[] = [
  {
    unitId: 'u-re-garden',
    subjects: [
      '卫生间天花板',
      '主卧外墙',
      '客厅地板',
      '厨房下水管',
      '阳台推拉门',
      '入户防盗门',
      '地下室储藏间',
      '小区绿化带',
      '车位划线',
      '楼道消防栓',
      '屋顶露台',
      '燃气表箱',
    ],
    problems: [
      '持续漏水',
      '大面积开裂',
      '空鼓起翘',
      '堵塞返味',
      '变形关不严',
      '锁芯损坏',
      '长期积水',
      '与宣传不符',
      '面积缩水',
      '配件缺失',
      '防水层脱落',
      '位置被改动',
    ],
    places: ['3栋1201室', '7栋602室', '12栋305室', '1栋1803室', '9栋201室', '5栋1102室'],
    consequences: ['家具已经泡坏', '孩子无法入住', '多次报修无人处理', '物业推给开发商', '影响出租', '邻居也受影响'],
    demands: ['尽快维修并书面答复', '赔偿损失', '按合同整改', '退还部分房款'],
  },
  {
    unitId: 'u-fuel-s1',
    subjects: [
      '92号汽油',
      '95号汽油',
      '0号柴油',
      '加油机',
      '洗车服务',
      '便利店商品',
      '电子发票',
      '会员积分',
      '加油卡',
      '卫生间',
      '停车区',
      '收银系统',
    ],
    problems: [
      '计量不足',
      '加完后车辆抖动',
      '金额开错',
      '积分未到账',
      '扣款两次',
      '过期未下架',
      '排队一个多小时',
      '无法使用',
      '态度恶劣',
      '环境脏乱',
      '拒绝开票',
      '少找零钱',
    ],
    places: ['早高峰', '周末晚上', '中午', '凌晨', '节假日', '下班时'],
    consequences: ['修车花了八百元', '耽误了上班', '员工拒不解释', '经理不在岗', '投诉电话打不通', '要求调取监控被拒'],
    demands: ['核查并退款', '赔偿维修费用', '道歉', '说明处理结果'],
  },
  {
    unitId: 'u-food-plant',
    subjects: [
      '纯牛奶',
      '草莓酸奶',
      '苏打饼干',
      '全麦面包',
      '火腿肠',
      '速冻水饺',
      '果汁饮料',
      '月饼礼盒',
      '婴儿米粉',
      '方便面',
      '奶粉',
      '豆浆粉',
    ],
    problems: [
      '喝出异物',
      '包装胀袋',
      '口感发酸',
      '生产日期模糊',
      '发现霉点',
      '净含量不足',
      '配料表与实物不符',
      '吃后腹泻',
      '有金属碎片',
      '颜色异常',
      '封口破损',
      '有虫子',
    ],
    places: ['超市购买', '网店购买', '便利店购买', '团购', '社区店购买', '批发市场购买'],
    consequences: ['孩子已经食用', '老人吃后不适', '已保留实物和小票', '去医院花了检查费', '商家让找厂家', '拍了视频'],
    demands: ['退货赔偿', '检测并说明原因', '十倍赔偿', '召回同批次产品'],
  },
  {
    unitId: 'u-prop-jx',
    subjects: [
      '电梯',
      '地下车库',
      '楼下商铺',
      '垃圾清运',
      '门禁系统',
      '绿化养护',
      '二次供水',
      '路灯',
      '快递柜',
      '监控摄像头',
      '物业费',
      '保洁',
    ],
    problems: [
      '频繁停运困人',
      '顶部渗水',
      '凌晨噪音扰民',
      '两天无人清理',
      '刷卡失灵',
      '树木枯死无人管',
      '水质发黄',
      '坏了一个月',
      '被占用',
      '形同虚设',
      '收费不透明',
      '楼道无人打扫',
    ],
    places: ['2号楼', '5号楼', '8号楼', '11号楼', '15号楼', '东门'],
    consequences: ['老人被困四十分钟', '车辆被泡', '整夜无法休息', '气味难闻招苍蝇', '外来人员随意进出', '业主群里意见很大'],
    demands: ['限期整改', '公示费用明细', '赔偿损失', '更换服务人员'],
  },
  {
    unitId: 'u-mfg-qa',
    subjects: ['电机', '控制板', '塑料外壳', '轴承', '线束', '显示屏', '密封圈', '齿轮箱', '传感器', '电源模块', '包装箱', '说明书'],
    problems: [
      '尺寸超差',
      '焊点虚焊',
      '表面划伤',
      '运转异响',
      '插头松动',
      '亮度不均',
      '老化开裂',
      '漏油',
      '读数漂移',
      '过热保护频繁',
      '运输破损',
      '版本错误',
    ],
    places: ['来料检验', '产线装配', '客户现场', '售后返修', '出货抽检', '可靠性试验'],
    consequences: ['产线停了半天', '整批隔离', '终端客户退货', '返工成本很高', '交期延误', '已是第二次发生'],
    demands: ['8D报告并补货', '承担返工费用', '派人现场处理', '更换整批'],
  },
  {
    unitId: 'u-rest-zs',
    subjects: [
      '宫保鸡丁',
      '酸菜鱼',
      '凉拌黄瓜',
      '米饭',
      '生日蛋糕',
      '外卖订单',
      '包间预订',
      '账单',
      '饮料',
      '儿童座椅',
      '停车券',
      '会员卡',
    ],
    problems: [
      '吃出钢丝球碎屑',
      '鱼不新鲜',
      '有头发',
      '夹生',
      '送错了',
      '超时一个半小时',
      '被临时取消',
      '多收两道菜',
      '过期',
      '损坏',
      '不给兑现',
      '余额被清零',
    ],
    places: ['大厅', '包间', '靠窗座位', '外卖', '二楼', '吧台'],
    consequences: ['朋友聚会很扫兴', '孩子吃了呕吐', '服务员态度冷漠', '经理拒绝道歉', '当众争吵', '拍照留证'],
    demands: ['道歉并退款', '赔偿医药费', '免单', '整改卫生'],
  },
  {
    unitId: 'u-svc',
    subjects: ['宽带', '话费', '套餐', '上门维修', '光猫', '流量包', '固话', '营业厅', '积分兑换', '国际漫游', '携号转网', '电子账单'],
    problems: [
      '每晚断网',
      '多扣费用',
      '被擅自变更',
      '预约后无人上门',
      '频繁重启',
      '未经同意开通',
      '杂音严重',
      '排队三小时',
      '礼品缺货',
      '天价扣费',
      '被设障阻拦',
      '收不到',
    ],
    places: ['热线', '营业厅', '微信公众号', '手机营业厅', '上门', '短信'],
    consequences: ['影响居家办公', '多次致电无果', '客服互相推诿', '承诺回电没有下文', '老人不会操作', '已向工信部反映'],
    demands: ['退还费用', '恢复原套餐', '赔偿损失', '限期修复'],
  },
];

export const BENCH_UNITS = UNITS.map((u) => u.unitId);

/**
 * The n-th sample complaint. `tag` goes into batchNo so a test can count exactly its own rows; the
 * phone number repeats every 5,000 so some customers complain more than once, as they do.
 */
export function sampleComplaint(n: number, tag?: string, receivedAt?: string): ComplaintBody {
  const u = UNITS[n % UNITS.length];
  const k = Math.floor(n / UNITS.length);
  const subject = pick(u.subjects, mix(k, 1));
  const problem = pick(u.problems, mix(k, 2));
  const place = pick(u.places, mix(k, 3));
  const consequence = pick(u.consequences, mix(k, 4));
  const channel = pick(CHANNELS, k);
  return {
    unitId: u.unitId,
    channel,
    ...(receivedAt ? { receivedAt } : {}),
    customer: {
      name: `${pick(SURNAMES, n)}${pick(GIVEN, k)}`,
      phone: `13${String(800000000 + (n % 5000) * 7919).slice(-9)}`,
      ...(channel === 'email' ? { email: `customer${n % 5000}@example.cn` } : {}),
    },
    title: `${subject}${problem}`,
    content: `${subject}${problem}（${place}），${consequence}。`,
    demands: pick(u.demands, mix(k, 5)),
    ...(tag ? { batchNo: tag } : {}),
  };
}

/**
 * The control workload: the same bodies with title and content replaced by characters drawn from
 * the n-th position of a scramble, so no two complaints share a matter and similar-complaint linking
 * finds nothing. Unreadable on purpose; it isolates what linking costs in the realistic mix.
 */
export function unmatchedComplaint(n: number, tag?: string): ComplaintBody {
  const chars = (count: number, field: number) =>
    Array.from({ length: count }, (_, i) => String.fromCharCode(0x4e00 + (mix(n * 64 + i, field) % 20000))).join('');
  return { ...sampleComplaint(n, tag), title: chars(8, 7), content: chars(40, 8) };
}
