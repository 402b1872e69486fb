/**
 * Anonymising a complaint for the case library (R-RP-2): the customer's name, phone and e-mail are
 * removed from every text, and anything that looks like a phone number, e-mail address or ID-card
 * number is masked too (a customer often writes a neighbour's or a relative's number into the text).
 */
export interface Identity {
  names: string[];
  phones: string[];
  emails: string[];
}

export const MASK = { name: '【客户】', phone: '【电话】', email: '【邮箱】', idCard: '【证件号】' } as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CJK = /^[\u3400-\u9fff]/;
const HONORIFICS = '先生|女士|小姐|太太|阿姨|叔叔|大爷|大妈|师傅|老师|老板|业主';

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const ID_CARD_RE = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])/g;
// Mainland mobiles, possibly +86 and spaced or dashed (138 0013 8000, 138-0013-8000).
const MOBILE_RE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d){8}(?![0-9])/g;
// Landlines with area code (and extension), 400 / 800 service numbers.
const LANDLINE_RE = /(?<![0-9])(?:0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?|[48]00[- ]?\d{3}[- ]?\d{4})(?![0-9])/g;
// A bare 7–8 digit local number preceded by a phone word (电话 / 手机 / 联系方式 …).
const LOCAL_AFTER_WORD_RE = /((?:电话|手机|联系方式|联系电话|tel|Tel|TEL)[:：\s]*)\d{7,8}(?![0-9])/g;

function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

export function anonymise(text: string | null | undefined, who: Identity): string {
  if (!text) return '';
  let out = text;
  for (const e of who.emails.filter(Boolean)) out = out.replace(new RegExp(escape(e), 'gi'), MASK.email);
  out = out.replace(EMAIL_RE, MASK.email);
  out = out.replace(ID_CARD_RE, MASK.idCard);
  for (const p of who.phones.filter(Boolean)) {
    const d = digitsOnly(p);
    if (d.length < 5) continue;
    // The exact number written with any separators between its digits.
    const spaced = d.split('').map(escape).join('[- ]?');
    out = out.replace(new RegExp(`(?<![0-9])${spaced}(?![0-9])`, 'g'), MASK.phone);
  }
  out = out.replace(MOBILE_RE, MASK.phone).replace(LANDLINE_RE, MASK.phone).replace(LOCAL_AFTER_WORD_RE, `$1${MASK.phone}`);
  // Longest names first, so '欧阳小明' is masked before '欧阳'.
  const names = [...new Set(who.names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const n of names) {
    out = out.replace(new RegExp(escape(n), CJK.test(n) ? 'g' : 'gi'), MASK.name);
    if (CJK.test(n)) {
      // 张伟 is also 张先生 / 张女士 / 张阿姨 in the text (复姓 such as 欧阳 when the name is 3+ characters and starts with one).
      const surnames = n.length >= 3 && COMPOUND_SURNAMES.has(n.slice(0, 2)) ? [n.slice(0, 2)] : [n.slice(0, 1)];
      for (const s of surnames) out = out.replace(new RegExp(`${escape(s)}(?:${HONORIFICS})`, 'g'), MASK.name);
    } else {
      for (const part of n.split(/\s+/).filter((p) => p.length >= 3))
        out = out.replace(new RegExp(`\\b${escape(part)}\\b`, 'gi'), MASK.name);
    }
  }
  return out;
}

const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
]);

/** Whether any of the customer's identifiers still appears in `text` (used to check a case before it is stored). */
export function leaksIdentity(text: string, who: Identity): boolean {
  const plain = text.replace(/[- ]/g, '');
  if (who.names.some((n) => n.trim().length >= 2 && text.toLowerCase().includes(n.trim().toLowerCase()))) return true;
  if (who.phones.some((p) => digitsOnly(p).length >= 5 && plain.includes(digitsOnly(p)))) return true;
  if (who.emails.some((e) => e && text.toLowerCase().includes(e.toLowerCase()))) return true;
  return false;
}
