import type { DueRule } from '../contracts.ts';

/** Human wording of a due rule for traces and the console, in English and Chinese. */
export function describeRule(rule: DueRule): { en: string; zh: string } {
  switch (rule.kind) {
    case 'business_minutes':
      return { en: `${rule.minutes} working minutes`, zh: `${rule.minutes} 个工作分钟` };
    case 'business_hours':
      return { en: `${rule.hours} working hours`, zh: `${rule.hours} 个工作小时` };
    case 'business_days':
      return {
        en: `by the end of the ${ordinal(rule.days)} working day after the start day`,
        zh: `起算日后第 ${rule.days} 个工作日结束前`,
      };
    case 'calendar_minutes':
      return { en: `${rule.minutes} minutes (wall clock)`, zh: `${rule.minutes} 分钟（自然时间）` };
    case 'calendar_hours':
      return { en: `${rule.hours} hours (wall clock)`, zh: `${rule.hours} 小时（自然时间）` };
    case 'calendar_days':
      return { en: `${rule.days} calendar days`, zh: `${rule.days} 个自然日` };
    case 'end_of_day':
      return { en: 'by the end of the same day', zh: '当日内' };
    case 'by_receipt_class': {
      const a = describeRule(rule.inHours);
      const b = describeRule(rule.outsideHoursWorkday);
      const c = describeRule(rule.restDay);
      return {
        en: `in working hours ${a.en}; working day off-hours ${b.en} after work starts; rest day ${c.en}`,
        zh: `工作时间内${a.zh}；工作日非工作时间上班后${b.zh}；休息日${c.zh}`,
      };
    }
  }
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}
