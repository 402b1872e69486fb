/**
 * Complaint vocabulary grouped into concepts. Character bigrams alone cannot tell that 漏水, 渗水
 * and 滴水 are one problem, nor that two complaints naming the same building are about different
 * problems; at one unit the place words are shared by nearly every complaint, so the problem words
 * decide. A 'problem' concept is what went wrong, an 'object' concept is what it went wrong with.
 *
 * Forms are matched as substrings of the folded text (simplified, no punctuation). Keep forms at
 * two characters or more unless the single character has one meaning in complaints (臭, 菜).
 */

export type ConceptKind = 'problem' | 'object';

export interface Concept {
  id: string;
  kind: ConceptKind;
  forms: string[];
}

export const CONCEPTS: readonly Concept[] = [
  // what went wrong
  { id: 'leak', kind: 'problem', forms: ['漏水', '渗水', '滴水', '漏雨', '渗漏', '进水', '往下滴', '防水', '返水', '水渍', '水印'] },
  { id: 'broken', kind: 'problem', forms: ['故障', '坏了', '损坏', '停运', '失灵', '不能用', '用不了', '开不了', '刷不开', '打不开', '抬不起来', '没反应', '停在', '又停了', '不工作', '坏掉'] },
  { id: 'trapped', kind: 'problem', forms: ['困人', '被困', '困了', '关在里面'] },
  { id: 'crack', kind: 'problem', forms: ['裂缝', '开裂', '裂纹', '裂痕', '裂了'] },
  { id: 'deform', kind: 'problem', forms: ['起拱', '变形', '鼓包', '脱落', '空鼓'] },
  { id: 'noise', kind: 'problem', forms: ['噪音', '噪声', '太吵', '很吵', '吵得', '吵到', '扰民', '轰鸣', '声音大', '声音太大', '声音特别大', '音响', '吵闹', '吵醒', '睡不好', '吵得'] },
  { id: 'odor', kind: 'problem', forms: ['臭', '异味', '气味', '味道', '刺鼻', '药味'] },
  { id: 'cold', kind: 'problem', forms: ['不热', '温度低', '温度太低', '室温', '不达标', '冻感冒', '太冷', '很冷'] },
  { id: 'outage', kind: 'problem', forms: ['停水', '停电', '停气', '断水', '断电', '没水', '没电'] },
  { id: 'pressure', kind: 'problem', forms: ['水压', '水流小', '出不来'] },
  { id: 'dirty_water', kind: 'problem', forms: ['发黄', '铁锈', '浑浊', '水质'] },
  { id: 'not_collected', kind: 'problem', forms: ['清运', '没人收', '没人清', '堆满', '溢出', '不清理', '按时清理'] },
  { id: 'occupied', kind: 'problem', forms: ['占用', '被占', '占了', '别人的车', '陌生车辆', '外来车辆', '乱停'] },
  { id: 'theft', kind: 'problem', forms: ['被盗', '被偷', '失窃', '偷了', '丢了', '盗刷', '被撬', '丢失'] },
  { id: 'scratch', kind: 'problem', forms: ['刮蹭', '刮了', '划伤', '剐蹭'] },
  { id: 'pesticide', kind: 'problem', forms: ['打药', '农药', '喷药', '杀虫药', '喷洒'] },
  { id: 'shade', kind: 'problem', forms: ['采光', '遮挡', '挡住'] },
  { id: 'unreachable', kind: 'problem', forms: ['打不通', '没人接', '无人接听', '忙音', '接不通', '排队', '自动挂断'] },
  { id: 'attitude', kind: 'problem', forms: ['态度', '不耐烦', '很冲', '骂人', '挂了我', '甩脸'] },
  { id: 'no_callback', kind: 'problem', forms: ['回电', '回电话', '没人联系', '没有联系我', '未回复', '没有回复'] },
  { id: 'slow', kind: 'problem', forms: ['太慢', '上菜慢', '等了', '催了', '效率低'] },
  { id: 'delay', kind: 'problem', forms: ['延期', '逾期', '延迟', '推迟', '停滞', '未送达', '没送到', '还没收到', '没有收到', '不交付', '没有通知交房', '超过合同', '不动', '没有更新'] },
  { id: 'not_credited', kind: 'problem', forms: ['未到账', '没到账', '没有到账', '还没到', '余额没变', '余额还没变', '没充进去', '余额没有增加', '没有增加'] },
  { id: 'refund', kind: 'problem', forms: ['退款', '退钱', '退还', '退回', '退费', '不退', '没退', '未退', '还没退'] },
  { id: 'return_refused', kind: 'problem', forms: ['不能退', '不给退货', '拒绝退货', '无理由'] },
  { id: 'price_rise', kind: 'problem', forms: ['涨价', '上调', '涨了', '涨到', '上涨', '提价', '翻了一倍'] },
  { id: 'overcharge', kind: 'problem', forms: ['多收', '乱收费', '加收', '乱收', '多扣', '扣了', '对不上', '强制收取'] },
  { id: 'price_mismatch', kind: 'problem', forms: ['标价', '与标签不符', '价格不符', '与菜单不符', '换了新价格'] },
  { id: 'no_notice', kind: 'problem', forms: ['没有通知', '不通知', '未通知', '没有提前', '事先没有', '没有任何通知', '提前告知', '没有公示', '没有告知', '未告知', '没提', '没人告诉', '没有任何告知', '没有任何告示', '贴通知'] },
  { id: 'invoice_refused', kind: 'problem', forms: ['开不了', '开不出来', '不给开', '拒开', '不开发票', '开票机故障', '开票系统坏了', '没有票'] },
  { id: 'invoice_wrong', kind: 'problem', forms: ['抬头', '打错', '开错', '重开'] },
  { id: 'short_measure', kind: 'problem', forms: ['计量', '少加', '加油量不足', '计量不准', '缺斤短两', '重量不足', '份量不够', '分量不够', '净含量', '少了', '称重', '明显变少', '重量轻', '偏轻'] },
  { id: 'fuel_quality', kind: 'problem', forms: ['油品质量', '掺水', '含水', '故障灯', '加速无力', '抖动', '启动困难', '熄火', '出了毛病'] },
  { id: 'hair', kind: 'problem', forms: ['头发', '毛发', '发丝'] },
  { id: 'foreign_matter', kind: 'problem', forms: ['异物', '杂质', '金属', '铁丝', '玻璃渣', '虫子', '塑料片', '石子'] },
  { id: 'spoiled', kind: 'problem', forms: ['发霉', '霉斑', '霉变', '长毛', '白毛', '变质', '发红', '发酸', '酸味', '变酸', '酸臭', '胀包', '胀气', '馊'] },
  { id: 'expired', kind: 'problem', forms: ['过期', '保质期'] },
  { id: 'no_date', kind: 'problem', forms: ['没有打印生产日期', '没有生产日期', '无生产日期', '无打印日期', '日期有误', '打印日期'] },
  { id: 'pack_leak', kind: 'problem', forms: ['漏气', '封口', '假封', '松的'] },
  { id: 'damaged', kind: 'problem', forms: ['破损', '摔裂', '压坏', '破碎', '碎的', '磕碰', '盒子裂', '外壳', '箱子也破', '生锈'] },
  { id: 'wrong_item', kind: 'problem', forms: ['上错', '上成', '发错', '寄错', '送错', '所点不符', '不是我点的'] },
  { id: 'sold_out', kind: 'problem', forms: ['售完', '卖完', '卖光', '没有了'] },
  { id: 'soiled', kind: 'problem', forms: ['弄脏', '洒到', '溅到', '泼到'] },
  { id: 'service_charge', kind: 'problem', forms: ['服务费'] },
  { id: 'min_spend', kind: 'problem', forms: ['最低消费', '补足差价'] },
  { id: 'too_salty', kind: 'problem', forms: ['太咸', '咸得', '太淡', '太辣', '口味'] },
  { id: 'dimension', kind: 'problem', forms: ['尺寸', '超差', '公差', '偏大', '偏小', '内径', '外径', '配合松动'] },
  { id: 'points_cleared', kind: 'problem', forms: ['积分', '清零'] },
  { id: 'no_registration', kind: 'problem', forms: ['不登记', '随便进', '不询问'] },
  { id: 'fire_risk', kind: 'problem', forms: ['火灾隐患', '隐患', '楼道充电'] },
  { id: 'destroyed', kind: 'problem', forms: ['被毁', '踩出', '挖掉', '破坏'] },
  { id: 'expensive', kind: 'problem', forms: ['太贵', '贵很多', '收费太', '不合理', '收费标准'] },
  { id: 'paperwork', kind: 'problem', forms: ['房产证', '产权证', '不动产证'] },
  { id: 'no_cooling', kind: 'problem', forms: ['不制冷', '不出冷气', '冷气', '还是热的', '热醒', '不凉快'] },
  { id: 'double_charge', kind: 'problem', forms: ['重复扣款', '扣了两次', '扣款两遍', '扣两次', '扣了双份', '两次都扣', '扣了两遍', '多扣了一笔'] },
  { id: 'lights_out', kind: 'problem', forms: ['灯不亮', '灯坏', '灯全灭', '没灯', '黑漆漆', '黑乎乎', '不亮', '手电筒'] },
  { id: 'clutter', kind: 'problem', forms: ['堆放', '杂物', '堆了', '占道', '挡路', '消防通道'] },
  { id: 'flyers', kind: 'problem', forms: ['小广告', '贴满'] },
  { id: 'soundproof', kind: 'problem', forms: ['隔音', '听得一清二楚'] },
  { id: 'air_quality', kind: 'problem', forms: ['甲醛', '空气检测', 'tvoc', '不环保'] },
  { id: 'gas_leak', kind: 'problem', forms: ['燃气泄漏', '煤气味', '天然气味', '漏气味'] },
  { id: 'blocked', kind: 'problem', forms: ['堵塞', '堵了', '不通', '反水', '返臭'] },
  { id: 'pests', kind: 'problem', forms: ['蟑螂', '老鼠', '蚊子', '苍蝇', '白蚁'] },
  { id: 'barking', kind: 'problem', forms: ['狗叫', '犬吠', '狂吠', '叫个不停', '叫到', '狗一直叫'] },
  { id: 'unleashed', kind: 'problem', forms: ['不拴绳', '没拴绳', '狗粪', '狗屎'] },
  { id: 'falling_objects', kind: 'problem', forms: ['高空抛物', '扔东西', '往下扔'] },
  { id: 'illegal_build', kind: 'problem', forms: ['违建', '私搭乱建', '违章搭建', '占用公共'] },
  { id: 'unclear_print', kind: 'problem', forms: ['模糊', '看不清'] },
  { id: 'not_as_promised', kind: 'problem', forms: ['宣传', '承诺', '和预订时', '介绍的不一样', '与宣传不符', '虚假'] },
  { id: 'few_choices', kind: 'problem', forms: ['品种太少', '就几样', '什么都没有', '缺货'] },
  { id: 'door_fault', kind: 'problem', forms: ['关不上', '关不严', '合不上', '锁坏'] },
  // what it went wrong with
  { id: 'aircon', kind: 'object', forms: ['空调', '冷气'] },
  { id: 'pet', kind: 'object', forms: ['狗', '犬', '宠物', '猫'] },
  { id: 'stairwell', kind: 'object', forms: ['楼道', '楼梯间', '楼梯'] },
  { id: 'payment', kind: 'object', forms: ['银行卡', 'pos机', '刷卡付款', '付款', '扣款'] },
  { id: 'car_wash', kind: 'object', forms: ['洗车'] },
  { id: 'breakfast', kind: 'object', forms: ['早餐'] },
  { id: 'cabinet', kind: 'object', forms: ['橱柜', '柜门'] },
  { id: 'amenities', kind: 'object', forms: ['幼儿园', '配套', '会所', '泳池'] },
  { id: 'soy_milk', kind: 'object', forms: ['豆浆'] },
  { id: 'drain', kind: 'object', forms: ['下水道', '马桶', '地漏', '排水'] },
  { id: 'gas', kind: 'object', forms: ['燃气', '煤气', '天然气'] },
  { id: 'elevator', kind: 'object', forms: ['电梯'] },
  { id: 'access', kind: 'object', forms: ['门禁', '单元门', '刷卡', '刷脸'] },
  { id: 'ceiling', kind: 'object', forms: ['天花板', '屋面', '屋顶', '顶楼', '顶层'] },
  { id: 'garage', kind: 'object', forms: ['车库', '地库', '负二层', '负一层'] },
  { id: 'parking', kind: 'object', forms: ['车位', '停车'] },
  { id: 'wall', kind: 'object', forms: ['墙面', '墙体', '墙壁', '墙上', '墙皮'] },
  { id: 'window', kind: 'object', forms: ['窗户', '窗台', '窗框'] },
  { id: 'heating', kind: 'object', forms: ['暖气', '供暖', '采暖'] },
  { id: 'garbage', kind: 'object', forms: ['垃圾'] },
  { id: 'greenery', kind: 'object', forms: ['绿化', '草坪', '树木', '大树', '草'] },
  { id: 'ebike', kind: 'object', forms: ['电动车', '电瓶车'] },
  { id: 'hotline', kind: 'object', forms: ['热线', '客服电话', '400'] },
  { id: 'invoice', kind: 'object', forms: ['发票', '开票'] },
  { id: 'fuel_card', kind: 'object', forms: ['加油卡', '油卡', '充值'] },
  { id: 'deposit', kind: 'object', forms: ['押金', '保证金'] },
  { id: 'property_fee', kind: 'object', forms: ['物业费', '管理费'] },
  { id: 'parking_fee', kind: 'object', forms: ['停车费', '停车管理费'] },
  { id: 'handover', kind: 'object', forms: ['交房', '交付'] },
  { id: 'dish', kind: 'object', forms: ['菜', '汤'] },
  { id: 'pump', kind: 'object', forms: ['加油机', '油枪', '油表'] },
  { id: 'goods', kind: 'object', forms: ['商品', '货架', '面包', '牛奶', '饼干', '零食', '矿泉水'] },
  { id: 'square_dance', kind: 'object', forms: ['广场舞', '跳舞'] },
  { id: 'construction', kind: 'object', forms: ['施工', '工地', '打桩', '装修', '电钻'] },
  { id: 'lights', kind: 'object', forms: ['路灯', '照明', '灯坏'] },
  { id: 'barrier', kind: 'object', forms: ['道闸', '闸机'] },
  { id: 'mailbox', kind: 'object', forms: ['信报箱', '信箱'] },
  { id: 'fountain', kind: 'object', forms: ['喷泉', '水池'] },
  { id: 'floor', kind: 'object', forms: ['地板'] },
  { id: 'charging', kind: 'object', forms: ['充电桩', '充电'] },
];

/** Concept ids found in folded text, in order of first appearance. */
export function conceptsIn(folded: string): Concept[] {
  const hits: { at: number; c: Concept }[] = [];
  for (const c of CONCEPTS) {
    let at = -1;
    for (const f of c.forms) {
      const i = folded.indexOf(f);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) hits.push({ at, c });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.c);
}
