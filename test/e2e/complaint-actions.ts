/** Steps on the console's complaint page: take one of the offered actions through its form. */
import type { Page } from 'playwright-core';

/**
 * Opens the panel of `type` (if another is open), lets `fill` complete the form, submits, and waits for
 * the server's answer and the page to show the new state.
 */
export async function takeAction(
  page: Page,
  type: string,
  fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {},
): Promise<void> {
  const form = page.getByTestId(`action-form-${type}`);
  if (!(await form.isVisible())) await page.locator(`[data-action="${type}"]`).click();
  await form.waitFor();
  await fill(form);
  // The panel remounts after the action, and the same action may be offered again (a revised report).
  const submitted = (await form.elementHandle())!;
  const answered = page.waitForResponse((r) => r.url().includes('/actions') && r.request().method() === 'POST');
  await form.locator('button[type="submit"]').click();
  const response = await answered;
  if (!response.ok()) throw new Error(`action ${type} answered ${response.status()}: ${await response.text()}`);
  await page.waitForFunction((el) => !el.isConnected, submitted);
}

export async function statusOf(page: Page): Promise<string | null> {
  return page.locator('[data-status]').first().getAttribute('data-status');
}
