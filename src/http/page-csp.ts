/**
 * The Content-Security-Policy of a printable page the server renders itself (a special report, a
 * periodic report): it runs no script, loads nothing, keeps only its inline style and is never framed.
 * The app's general policy (src/http/app.ts) allows the web app's own scripts; these pages need none.
 */
export const PRINTABLE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
