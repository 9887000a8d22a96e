import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BridgeTestClient } from './kioskProcess.js';

/** Where the end-to-end tests put their screenshots. */
export const SHOTS = join('test-artifacts', 'screenshots');

export const ORIENTATIONS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

export const LANGUAGES = ['zh-CN', 'en'] as const;

/** Debian's Chromium, headless, as the environment requires; `extraArgs` for e.g. a fake camera. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** Touch targets under 64 px and horizontal scrolling: what the layout must never have. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push('horizontal overflow');
    for (const element of document.querySelectorAll('button, [role="button"], a[href], input, select')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not displayed
      if (box.width < 64 || box.height < 64) {
        const name = element.getAttribute('data-testid') ?? element.textContent?.trim() ?? element.tagName;
        problems.push(`${name}: ${Math.round(box.width)}x${Math.round(box.height)} px`);
      }
    }
    return problems;
  });
}

/**
 * Screenshots the current screen as `<name>-<orientation>-<language>.png` in every orientation
 * and language, checking the layout rules on each, then restores landscape zh-CN.
 */
export async function captureEveryVariant(page: Page, driver: BridgeTestClient, name: string): Promise<void> {
  for (const orientation of ORIENTATIONS) {
    await page.setViewportSize({ width: orientation.width, height: orientation.height });
    for (const language of LANGUAGES) {
      await driver.intent({ type: 'ui.setLanguage', language });
      await page.locator(`html[lang="${language}"]`).waitFor();
      await page.screenshot({ path: join(SHOTS, `${name}-${orientation.name}-${language}.png`) });
      expect(await layoutProblems(page), `${name} ${orientation.name} ${language}`).toEqual([]);
    }
  }
  await driver.intent({ type: 'ui.setLanguage', language: 'zh-CN' });
  await page.locator('html[lang="zh-CN"]').waitFor();
  await page.setViewportSize({ width: 1920, height: 1080 });
}
