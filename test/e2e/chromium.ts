import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with no network chatter of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** What a page did that it must not: dialogs (alert), script errors and CSP violations. */
export interface PageProblems {
  dialogs: string[];
  errors: string[];
}

/** Records dialogs (dismissing them), uncaught errors and console errors such as CSP reports. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  return problems;
}
