import type { Locator, Page, TestInfo } from '@playwright/test';

/**
 * Saves the page as `<name>-light.png` and `<name>-dark.png` in the test's output folder (every UI
 * state is looked at in both schemes), scrolled to `scrollTo` first when given; ends in light.
 */
export async function shoot(page: Page, testInfo: TestInfo, name: string, scrollTo?: Locator): Promise<void> {
  if (scrollTo) await scrollTo.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
