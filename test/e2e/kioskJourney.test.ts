import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureEveryVariant, launchChromium, SHOTS } from '../helpers/e2eScreens.js';
import { BridgeTestClient, startKiosk, type RunningKiosk } from '../helpers/kioskProcess.js';

/**
 * End-to-end: Debian's Chromium (driven by playwright-core) against the real browser shell,
 * runtime and built renderer. Screenshots of every screen, in both orientations and both
 * languages, go to test-artifacts/screenshots/.
 */

const STAFF_PIN = '135790';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openKiosk(kiosk: RunningKiosk): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(kiosk.url);
  return page;
}

async function makeStaffGesture(page: Page): Promise<void> {
  const corner = page.getByTestId('staff-corner');
  for (let i = 0; i < 5; i++) await corner.click({ force: true });
}

async function enterPin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`pin-key-${digit}`).click();
  await page.getByTestId('pin-submit').click();
}

/** For one describe block: a kiosk of its own, a bridge driver and a Chromium page on it. */
function kioskWithPage(config?: (c: Record<string, any>) => void) {
  const fixture = {} as { kiosk: RunningKiosk; driver: BridgeTestClient; page: Page };
  beforeAll(async () => {
    fixture.kiosk = await startKiosk({ config });
    fixture.driver = await BridgeTestClient.connect(fixture.kiosk);
    fixture.page = await openKiosk(fixture.kiosk);
  });
  afterAll(async () => {
    fixture.driver?.close();
    await fixture.page?.close();
    await fixture.kiosk?.stop();
  });
  return fixture;
}

describe('citizen: attract → menu → idle countdown → wiped', () => {
  const fixture = kioskWithPage((c) => (c.idle = { warnAfterSeconds: 3, countdownSeconds: 12 }));
  let driver: BridgeTestClient;
  let page: Page;
  beforeAll(() => ({ driver, page } = fixture));

  it('ends the session after the countdown, wipes it and returns to the attract screen', async () => {
    await page.getByTestId('screen-attract').waitFor();
    await page.getByTestId('lang-toggle').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.getByTestId('start-touch').click();
    await page.getByTestId('screen-menu').waitFor();
    const sessionId = (await driver.snapshot()).session?.id;
    expect(sessionId).toBeTruthy();

    await page.getByTestId('idle-dialog').waitFor({ timeout: 10_000 });
    const seconds = Number(await page.getByTestId('idle-seconds').textContent());
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(12);
    await captureEveryVariant(page, driver, 'idle-countdown');

    await page.getByTestId('screen-attract').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('idle-dialog').count()).toBe(0);
    expect(await page.getByTestId('screen-menu').count()).toBe(0);
    const after = await driver.snapshot();
    expect(after.session).toBeNull();
    // The citizen's language choice is forgotten with the session.
    expect(after.ui.language).toBe('zh-CN');
    await page.locator('html[lang="zh-CN"]').waitFor();
  });

  it('"continue" on the countdown keeps the citizen where they were', async () => {
    await page.getByTestId('start-touch').click();
    await page.getByTestId('screen-menu').waitFor();
    await page.getByTestId('idle-dialog').waitFor({ timeout: 10_000 });
    await page.getByTestId('idle-continue').click();
    await page.getByTestId('idle-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('screen-menu').isVisible()).toBe(true);
    await page.getByTestId('session-end').click();
    await page.getByTestId('screen-attract').waitFor();
  });
});

describe('citizen screens and hall staff', () => {
  const fixture = kioskWithPage();
  let driver: BridgeTestClient;
  let page: Page;
  beforeAll(() => ({ driver, page } = fixture));

  it('shows attract, menu and service information in both languages and orientations', async () => {
    await page.getByTestId('screen-attract').waitFor();
    await captureEveryVariant(page, driver, 'attract');
    await page.getByTestId('large-text-toggle').click();
    await page.waitForFunction(() => document.documentElement.outerHTML.includes('large-text'));
    await page.screenshot({ path: join(SHOTS, 'attract-landscape-zh-CN-large-text.png') });
    await page.getByTestId('large-text-toggle').click();

    await page.getByTestId('start-touch').click();
    await page.getByTestId('screen-menu').waitFor();
    await captureEveryVariant(page, driver, 'menu');
    await page.getByTestId('menu-service-property-transfer').click();
    await page.getByTestId('screen-service-intro').waitFor();
    expect(await page.getByTestId('screen-service-intro').textContent()).toContain('¥80.00');
    await captureEveryVariant(page, driver, 'service-intro');
  });

  it('reloading the renderer mid-session shows the same step', async () => {
    const before = await driver.snapshot();
    expect(before.screen).toEqual({ name: 'service-intro', serviceId: 'property-transfer' });
    await page.reload();
    await page.getByTestId('screen-service-intro').waitFor();
    expect(await page.getByTestId('screen-service-intro').textContent()).toContain('不动产转移登记');
    const after = await driver.snapshot();
    expect(after.session?.id).toBe(before.session?.id);
    await page.getByTestId('nav-back').click();
    await page.getByTestId('screen-menu').waitFor();
    await page.getByTestId('session-end').click();
    await page.getByTestId('screen-attract').waitFor();
  });

  it('staff: gesture + PIN → maintenance → out of service → back in service', async () => {
    await makeStaffGesture(page);
    await page.getByTestId('screen-staff-pin').waitFor();
    await captureEveryVariant(page, driver, 'staff-pin');
    await enterPin(page, STAFF_PIN);
    await page.getByTestId('screen-maintenance').waitFor();
    expect(await page.getByTestId('maintenance-devices').textContent()).toContain('id-reader');
    await captureEveryVariant(page, driver, 'maintenance');

    await page.getByTestId('maintenance-reset').click();
    // The reset reloads the screen; maintenance survives it because the runtime owns it.
    await page.getByTestId('screen-maintenance').waitFor();
    await page.getByTestId('maintenance-out-of-service').click();
    await expect.poll(async () => (await driver.snapshot()).terminal.inService).toBe(false);
    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('screen-out-of-service').waitFor();
    await captureEveryVariant(page, driver, 'out-of-service');
    expect((await driver.intent({ type: 'session.start' })).ok).toBe(false);

    await makeStaffGesture(page);
    await page.getByTestId('screen-staff-pin').waitFor();
    await enterPin(page, STAFF_PIN);
    await page.getByTestId('screen-maintenance').waitFor();
    await page.getByTestId('maintenance-return-to-service').click();
    await expect.poll(async () => (await driver.snapshot()).terminal.inService).toBe(true);
    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('screen-attract').waitFor();
  });

  it('staff: device self-test, paper-near-end notice, and training faults on simulated devices', async () => {
    await makeStaffGesture(page);
    await page.getByTestId('screen-staff-pin').waitFor();
    await enterPin(page, STAFF_PIN);
    await page.getByTestId('screen-maintenance').waitFor();

    // Training: the printer's roll runs low; the self-test prints the test page and staff get a notice.
    await page.locator('[data-training-device="receipt-printer"] [data-action="printer.paper-near-end"]').click();
    await page.getByTestId('device-test-receipt-printer').click();
    await expect.poll(() => page.getByTestId('maintenance-last-action').getAttribute('data-state'), { timeout: 15_000 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('maintenance-notices').textContent(), { timeout: 10_000 }).toContain('printer.paper-near-end');
    await page.screenshot({ path: join(SHOTS, 'maintenance-training-landscape-zh-CN.png'), fullPage: true });
    await page.locator('[data-testid^="notice-acknowledge-"]').first().click();
    await expect.poll(() => page.getByTestId('maintenance-notices').textContent(), { timeout: 10_000 }).not.toContain('printer.paper-near-end');

    // Pull the reader's cable and plug it back: the device table follows live.
    const readerState = () => page.locator('[data-device-id="id-reader"]').getAttribute('data-device-state');
    await page.locator('[data-training-device="id-reader"] [data-action="unplug"]').click();
    await expect.poll(readerState, { timeout: 10_000 }).toBe('offline');
    await page.locator('[data-training-device="id-reader"] [data-action="replug"]').click();
    await expect.poll(readerState, { timeout: 15_000 }).toBe('ready');

    await page.getByTestId('maintenance-exit').click();
    await page.getByTestId('screen-attract').waitFor();
  });

  it('staff: five wrong PINs lock PIN entry', async () => {
    await makeStaffGesture(page);
    await page.getByTestId('screen-staff-pin').waitFor();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await enterPin(page, '000000');
      if (attempt < 5) {
        await expect.poll(async () => page.getByTestId('pin-attempts-left').textContent()).toContain(String(5 - attempt));
      }
    }
    await page.getByTestId('pin-locked').waitFor();
    await page.screenshot({ path: join(SHOTS, 'staff-pin-locked-landscape-zh-CN.png') });
    const snapshot = await driver.snapshot();
    expect(snapshot.screen).toMatchObject({ name: 'staff-pin', attemptsLeft: 0, lastResult: 'locked' });
    // Even the right PIN is refused now.
    expect(await driver.intent({ type: 'staff.submitPin', pin: STAFF_PIN })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});

describe('browser shell restart', () => {
  it('an open page picks up a restarted shell (and its new token) by itself', async () => {
    const first = await startKiosk();
    const page = await openKiosk(first);
    await page.getByTestId('screen-attract').waitFor();
    await first.stop('SIGKILL');
    await page.getByTestId('reconnecting-overlay').waitFor({ timeout: 10_000 });
    const second = await startKiosk({ dataDir: first.dataDir, port: first.port });
    try {
      await page.getByTestId('reconnecting-overlay').waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByTestId('screen-attract').waitFor();
      await page.getByTestId('start-touch').click();
      await page.getByTestId('screen-menu').waitFor();
    } finally {
      await page.close();
      await second.stop();
    }
  });
});
