import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
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

/** A fake camera that needs no permission prompt: face capture runs for real. */
export const FAKE_CAMERA_ARGS: readonly string[] = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/**
 * Chromium for the tests of one file: launched before them, closed after. The returned
 * function gives the running browser.
 */
export function chromiumForTests(extraArgs: readonly string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(extraArgs);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: use it inside the tests');
    return browser;
  };
}

/**
 * Touch targets under 64 px and horizontal scrolling: what the layout must never have. And in
 * normal text, a citizen flow screen whose content is taller than its region: elderly citizens
 * do not discover scrolling, so what is below the fold is lost. (Large text may scroll; the
 * screen then shows a "more below" cue and keeps its actions in the fixed action bar.)
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push('horizontal overflow');
    const flowBody = document.querySelector<HTMLElement>('[data-testid="screen-flow"] .flow-body');
    const largeText = document.documentElement.classList.contains('large-text');
    // 1 px of slack: scrollHeight is rounded, clientHeight is not.
    if (flowBody && !largeText && flowBody.scrollHeight > flowBody.clientHeight + 1) {
      problems.push(`flow content ${flowBody.scrollHeight - flowBody.clientHeight} px taller than the screen: it would scroll`);
    }
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

/**
 * Large text in both orientations (zh-CN) as `<name>-<orientation>-zh-CN-large-text.png`,
 * checking the layout rules on each, then back to normal text in landscape.
 */
export async function captureLargeText(page: Page, driver: BridgeTestClient, name: string): Promise<void> {
  await driver.intent({ type: 'ui.setLargeText', enabled: true });
  await page.locator('html.large-text').waitFor();
  for (const orientation of ORIENTATIONS) {
    await page.setViewportSize({ width: orientation.width, height: orientation.height });
    await page.screenshot({ path: join(SHOTS, `${name}-${orientation.name}-zh-CN-large-text.png`) });
    expect(await layoutProblems(page), `${name} ${orientation.name} large text`).toEqual([]);
  }
  await driver.intent({ type: 'ui.setLargeText', enabled: false });
  await page.locator('html:not(.large-text)').waitFor();
  await page.setViewportSize({ width: 1920, height: 1080 });
}

export type ServiceStartScreen = 'attract' | 'menu' | 'service-intro';

/**
 * A citizen starts a service: attract → menu → the service's introduction → Start (which
 * must be enabled). `onScreen` runs on each of those screens before it is left (screenshots).
 */
export async function startServiceFromAttract(page: Page, serviceId: string, onScreen?: (screen: ServiceStartScreen) => Promise<void>): Promise<void> {
  await page.getByTestId('screen-attract').waitFor();
  await onScreen?.('attract');
  await page.getByTestId('start-touch').click();
  await page.getByTestId('screen-menu').waitFor();
  await onScreen?.('menu');
  await page.getByTestId(`menu-service-${serviceId}`).click();
  await page.getByTestId('screen-service-intro').waitFor();
  const start = page.getByTestId('service-start');
  expect(await start.isEnabled(), 'Start is enabled for an available service').toBe(true);
  await onScreen?.('service-intro');
  await start.click();
}
