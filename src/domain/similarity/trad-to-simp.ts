/**
 * A small traditional → simplified character table for folding complaint text (the seeds and many
 * customers write in traditional characters). Not a converter: one character to one character,
 * no phrases, limited to vocabulary that shows up in complaints. Both sides of a comparison are
 * folded the same way, so a rare wrong fold costs nothing as long as it is consistent.
 */

// Index i of TRADITIONAL maps to index i of SIMPLIFIED (397 characters each).
const TRADITIONAL =
  '與為從來這個們時說對會後還進過國產發現長開關門問間題樣應當電話號樓層單機車錢費買賣價貨質處辦務業態無請讓給經實際點頭髮裡裏麼嗎兩幾廳臥廚衛牆滲積濕黴壞損報維護檢測驗計準數據記錄聯繫係絡導員幫專責罰額賠償換運輸遞達區東環線鐵銀賬帳戶餘寶網營廣場園歲聲響擾鬧夠麵飯湯雞鴨魚鮮飲髒乾幹淨壓熱氣溫燈亂蟲藥綠樹鎖盜竊監視頻險災傷醫療癥狀況嚴緊確認證書紙張圖標簽約違規權邊舊歡滿見議論該體樂愛漲貴錯誤虧斷續轉動廠倉庫裝飾劃輛駕駛內兒孫媽爺鄰碼燒紅黃藍塊條隻雙總結統節週幣寫讀聽覺識謝啟盤莊縣鎮鄉齊優寬帶撥掛訊簡滅沒頁構築縫膩漿豐餿異雜屬膠稱輕齒嘔瀉腸槍麗鋼銅鋁錶鐘閘樁轟鳴臟舉衝擊揮搶陽陰極圍爭鬥毆洩採訪訴願級類凍檔覽緩傳歷鬆潔殺蒼蠅螞蟻鬚勞擔賴託貼閱獲將負擇選於範鍋爐煙霧擁擠騎飛歸銷訂購億萬隊餅飽餓糧鹽醬淺濃鹹燙涼風雲晝讚補勝敗術設備査顧戲劇遲拋棄擺攤灑漬潑濾澀殘壯獎勵懲罷絕繳納稅薦蓋鑰窺窩淚診齡辭職';
const SIMPLIFIED =
  '与为从来这个们时说对会后还进过国产发现长开关门问间题样应当电话号楼层单机车钱费买卖价货质处办务业态无请让给经实际点头发里里么吗两几厅卧厨卫墙渗积湿霉坏损报维护检测验计准数据记录联系系络导员帮专责罚额赔偿换运输递达区东环线铁银账账户余宝网营广场园岁声响扰闹够面饭汤鸡鸭鱼鲜饮脏干干净压热气温灯乱虫药绿树锁盗窃监视频险灾伤医疗症状况严紧确认证书纸张图标签约违规权边旧欢满见议论该体乐爱涨贵错误亏断续转动厂仓库装饰划辆驾驶内儿孙妈爷邻码烧红黄蓝块条只双总结统节周币写读听觉识谢启盘庄县镇乡齐优宽带拨挂讯简灭没页构筑缝腻浆丰馊异杂属胶称轻齿呕泻肠枪丽钢铜铝表钟闸桩轰鸣脏举冲击挥抢阳阴极围争斗殴泄采访诉愿级类冻档览缓传历松洁杀苍蝇蚂蚁须劳担赖托贴阅获将负择选于范锅炉烟雾拥挤骑飞归销订购亿万队饼饱饿粮盐酱浅浓咸烫凉风云昼赞补胜败术设备查顾戏剧迟抛弃摆摊洒渍泼滤涩残壮奖励惩罢绝缴纳税荐盖钥窥窝泪诊龄辞职';

export const TRAD_TO_SIMP: ReadonlyMap<string, string> = (() => {
  const t = [...TRADITIONAL];
  const s = [...SIMPLIFIED];
  if (t.length !== s.length) throw new Error('trad-to-simp table is misaligned');
  return new Map(t.map((c, i) => [c, s[i]]));
})();
