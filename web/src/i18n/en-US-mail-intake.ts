import type { zhCNMailIntake } from './zh-CN-mail-intake.ts';

/** English: e-mail intake (issue #14 item 6), spread into en-US.ts. */
export const enUSMailIntake: Record<keyof typeof zhCNMailIntake, string> = {
  'nav.mailIntake': 'E-mail intake',
  'mailIntake.title': 'E-mail intake',
  'mailIntake.intro':
    "Each unit's IMAP mailboxes. A new message becomes a complaint; a reply with a complaint's code in its subject is added to that complaint. Passwords are write-only.",
  'mailIntake.add': 'Add mailbox',
  'mailIntake.unit': 'Unit',
  'mailIntake.url': 'IMAP URL',
  'mailIntake.urlHelp': 'e.g. imap://user:password@mail.example.com:143/INBOX or imaps://…:993/…',
  'mailIntake.folder': 'Folder',
  'mailIntake.enabled': 'Enabled',
  'mailIntake.lastPolled': 'Last poll',
  'mailIntake.lastError': 'Poll error',
  'mailIntake.source.env': 'environment',
  'mailIntake.rejected': 'Rejected messages',
  'mailIntake.rejectedIntro':
    'Messages that could not be taken in, with the reason (malformed, over the size limit, no sender, an automatic reply).',
  'mailIntake.at': 'Time',
  'mailIntake.from': 'From',
  'mailIntake.subject': 'Subject',
  'mailIntake.reason': 'Reason',
  'mailIntake.saved': 'Saved',
};
