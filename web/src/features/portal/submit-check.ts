/**
 * What the portal's complaint form checks before it sends (the server checks the same again): the fields a
 * complaint needs (R-IN-1), a phone number in a form the intake accepts, an e-mail address, and a way to reach
 * the customer, phone or e-mail (R-IN-5: the reply and the return visit need one).
 */
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { PHONE_RE } from '../intake/api.ts';
import { EMAIL_RE } from '../../components/email-shape.ts';

export interface SubmitValues {
  unitId: string;
  name: string;
  phone: string;
  email: string;
  title: string;
  content: string;
  demands: string;
}

export type SubmitField = keyof SubmitValues;

export function checkSubmit(v: SubmitValues): Partial<Record<SubmitField, MessageKey>> {
  const problems: Partial<Record<SubmitField, MessageKey>> = {};
  for (const f of ['unitId', 'name', 'title', 'content'] as const) if (!v[f].trim()) problems[f] = 'common.required';
  const phone = v.phone.trim();
  const email = v.email.trim();
  if (phone && !PHONE_RE.test(phone)) problems.phone = 'error.badPhone';
  else if (!phone && !email) problems.phone = 'error.contactNeeded';
  if (email && !EMAIL_RE.test(email)) problems.email = 'error.badEmail';
  return problems;
}

/** The form field a server's 400 names (`customer.phone` → `phone`), if the form has it. */
const FIELDS: readonly SubmitField[] = ['unitId', 'name', 'phone', 'email', 'title', 'content', 'demands'];

export function fieldOfServerError(field: string | undefined): SubmitField | undefined {
  const name = field?.replace(/^customer\./, '');
  return FIELDS.find((f) => f === name);
}
