/** The shape of an e-mail address the forms accept before sending (Ant Design's `type: 'email'` rule's): something@something.something, no spaces. The server checks the address itself. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
