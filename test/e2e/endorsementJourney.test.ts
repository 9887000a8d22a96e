import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { captureEveryVariant, captureLargeText, chromiumForTests, FAKE_CAMERA_ARGS, layoutProblems, SHOTS, startServiceFromAttract, type ServiceStartScreen } from '../helpers/e2eScreens.js';
import { BridgeTestClient, startKiosk, type RunningKiosk } from '../helpers/kioskProcess.js';

/**
 * End-to-end: a citizen renews a Hong Kong & Macau endorsement on the sample terminal
 * (simulated devices, embedded platform simulator) in Debian's Chromium with a fake camera,
 * through the real browser shell, runtime and built renderer. Every step is screenshotted
 * (landscape, zh-CN; the choice and the result in both orientations and languages) to
 * test-artifacts/screenshots/endorsement-*.png, with the layout rules checked on each.
 */

const SERVICE_ID = 'hk-macau-endorsement';
// Platform calls, device reads and printing happen between some screens.
const STEP_TIMEOUT_MS = 30_000;

const browser = chromiumForTests(FAKE_CAMERA_ARGS);

/** Landscape zh-CN, the view every step gets. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `endorsement-${name}-landscape-zh-CN.png`) });
  expect(await layoutProblems(page), name).toEqual([]);
}

function flowScreen(page: Page, screen: string) {
  return page.locator(`[data-testid="screen-flow"][data-flow-screen="${screen}"]`);
}

async function waitForFlowScreen(page: Page, screen: string): Promise<void> {
  await flowScreen(page, screen).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Records every camera stream the page opens (so the test can check each was stopped) and
 * every utterance it speaks (headless Chromium has no voices, so nothing is heard anyway).
 */
async function watchCameraAndVoice(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const streams: MediaStream[] = [];
    const utterances: string[] = [];
    Object.assign(window, { __cameraStreams: streams, __spoken: utterances });
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (utterance) => {
      utterances.push(utterance.text);
      speak(utterance);
    };
  });
}

function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __spoken: string[] }).__spoken]);
}

function cameraStreams(page: Page): Promise<{ opened: number; live: number; audio: number }> {
  return page.evaluate(() => {
    const streams = (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams;
    const tracks = streams.flatMap((stream) => stream.getTracks());
    return {
      opened: streams.length,
      live: tracks.filter((track) => track.readyState === 'live').length,
      audio: tracks.filter((track) => track.kind === 'audio').length,
    };
  });
}

const START_SHOTS: Readonly<Record<ServiceStartScreen, string>> = { attract: '01-attract', menu: '02-menu', 'service-intro': '03-service-intro' };

/** Attract → menu → the endorsement's introduction → Start → the permit screen. */
async function startEndorsement(page: Page, screenshots: boolean): Promise<void> {
  await page.getByTestId('screen-attract').waitFor();
  // The voice switch sits with the language and large-text switches.
  expect(await page.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('true');
  await startServiceFromAttract(page, SERVICE_ID, screenshots ? (screen) => shot(page, START_SHOTS[screen]) : undefined);
  await waitForFlowScreen(page, 'insert-permit');
}

/** Plays the citizen at the permit and ID card readers through the on-screen demo buttons. */
async function identifyWithDemoDocuments(page: Page, screenshots: boolean): Promise<void> {
  const demo = page.getByTestId('demo-simulate');
  expect(await demo.textContent()).toContain('演示');
  if (screenshots) await shot(page, '04-insert-permit');
  await demo.click();
  await waitForFlowScreen(page, 'insert-id-card');
  if (screenshots) await shot(page, '05-insert-id-card');
  await page.getByTestId('demo-simulate').click();
  await waitForFlowScreen(page, 'capture-face');
}

function kioskWithPage() {
  const fixture = {} as { kiosk: RunningKiosk; driver: BridgeTestClient; page: Page };
  beforeAll(async () => {
    // startKiosk gives the embedded platform simulator a port of its own.
    fixture.kiosk = await startKiosk();
    fixture.driver = await BridgeTestClient.connect(fixture.kiosk);
    fixture.page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await watchCameraAndVoice(fixture.page);
    await fixture.page.goto(fixture.kiosk.url);
  });
  afterAll(async () => {
    fixture.driver?.close();
    await fixture.page?.close();
    await fixture.kiosk?.stop();
  });
  return fixture;
}

describe('citizen: exit-entry endorsement on simulated devices', () => {
  const fixture = kioskWithPage();
  let driver: BridgeTestClient;
  let page: Page;
  beforeAll(() => ({ driver, page } = fixture));

  async function explainFailure(): Promise<void> {
    const snapshot = await driver.snapshot().catch(() => null);
    console.error('screen at failure:', JSON.stringify(snapshot?.screen ?? null).slice(0, 2000));
    console.error('kiosk stderr (tail):', fixture.kiosk.stderr().slice(-3000));
  }

  it('permit, ID card and photo, choose, pay by payment code, issued with the receipt printed, rated, finished', async () => {
    onTestFailed(explainFailure);
    await page.getByTestId('screen-attract').waitFor();
    await captureEveryVariant(page, driver, 'endorsement-01-attract');
    await startEndorsement(page, true);
    await expect.poll(() => spoken(page)).toContain('请将通行证放在识读区。');
    await identifyWithDemoDocuments(page, true);

    // Face: the fake camera's live picture, one photo, and the camera off straight after.
    await page.locator('[data-testid="flow-capture-face"][data-camera-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    await shot(page, '06-capture-face');
    await captureLargeText(page, driver, 'endorsement-06-capture-face');
    expect(await cameraStreams(page)).toMatchObject({ opened: 1, live: 1, audio: 0 });
    await page.getByTestId('face-take-photo').click();
    await expect.poll(async () => (await cameraStreams(page)).live).toBe(0);

    // Choose: only what the platform allows; the first offered option.
    await waitForFlowScreen(page, 'choose-endorsement');
    const options = page.locator('[data-testid^="choose-option-"]');
    expect(await options.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('screen-flow').textContent()).toContain('¥');
    await captureEveryVariant(page, driver, 'endorsement-07-choose');
    await captureLargeText(page, driver, 'endorsement-07-choose');
    // "L 团队旅游 · 香港": the heading of the choice the first option belongs to.
    const chosenTitle = (await options.first().locator('xpath=ancestor::section[1]/h2').textContent())!;
    expect(chosenTitle).toMatch(/^[A-Z] \S+ · \S+$/);
    await options.first().click();

    // Pay: the bill, then the payment code at the (simulated) scanner.
    await waitForFlowScreen(page, 'choose-payment');
    const amountDue = await page.getByTestId('flow-amount-due').textContent();
    expect(amountDue).toMatch(/^¥\d+\.\d\d$/);
    await shot(page, '08-choose-payment');
    await page.getByTestId('pay-method-payment-code').click();
    await waitForFlowScreen(page, 'scan-code');
    expect(await page.getByTestId('flow-scan-code').textContent()).toContain(amountDue!);
    await shot(page, '09-scan-code');
    await page.getByTestId('demo-simulate').click();

    // The runtime rates before it shows the result: issue → receipt → rating → result.
    await waitForFlowScreen(page, 'rate');
    // The citizen learns how it ended before being asked to rate it.
    expect(await page.getByTestId('rate-outcome').getAttribute('data-outcome')).toBe('issued');
    expect(await page.locator('[data-testid^="rate-level-"]').evaluateAll((levels) => levels.map((level) => level.getAttribute('data-testid')))).toEqual([
      'rate-level-5',
      'rate-level-4',
      'rate-level-3',
      'rate-level-2',
      'rate-level-1',
    ]);
    expect(await page.locator('[data-testid^="rate-level-"][aria-checked="true"]').count(), 'no level preselected').toBe(0);
    expect(await page.getByTestId('rate-submit').isDisabled()).toBe(true);
    await shot(page, '10-rate');
    // A bad level reveals the reasons and the callback; a good one hides them again.
    await page.getByTestId('rate-level-1').click();
    await page.getByTestId('rate-bad-details').waitFor();
    await shot(page, '11-rate-bad-reasons');
    await page.getByTestId('rate-level-5').click();
    await page.getByTestId('rate-bad-details').waitFor({ state: 'detached' });
    await page.getByTestId('rate-submit').click();

    await waitForFlowScreen(page, 'result');
    const result = page.getByTestId('flow-result');
    expect(await result.getAttribute('data-outcome')).toBe('issued');
    expect(await result.getAttribute('data-receipt')).toBe('printed');
    expect(await page.getByTestId('flow-issued').textContent()).toContain(chosenTitle);
    const snapshot = await driver.snapshot();
    expect(snapshot.screen.name).toBe('flow');
    if (snapshot.screen.name === 'flow') {
      expect(snapshot.screen.flow.view.caseNumber).toBeTruthy();
      expect(await page.getByTestId('flow-case-number').textContent()).toContain(snapshot.screen.flow.view.caseNumber!);
    }
    await captureEveryVariant(page, driver, 'endorsement-12-result');

    // The citizen takes the ID card from the reader (a simulated card stays until removed).
    const idReader = snapshot.terminal.simulatedDevices.find((device) => device.kind === 'id-card-reader')!;
    expect(await driver.intent({ type: 'demo.simulate', deviceId: idReader.deviceId, action: { action: 'idcard.remove-card' } })).toMatchObject({ ok: true });
    await page.getByTestId('flow-finish').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect((await driver.snapshot()).session).toBeNull();
  }, 240_000);

  it('staff-assisted path offered instead of the photo; cancelling before payment returns to the attract screen', async () => {
    onTestFailed(explainFailure);
    await startEndorsement(page, false);
    // The citizen switches the voice off; it stays off for the rest of their visit.
    await page.getByTestId('voice-toggle').click();
    await expect.poll(() => page.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('false');
    // The runtime keeps the setting (a reload of the page keeps it), as it keeps the language.
    expect((await driver.snapshot()).ui.voice).toBe(false);
    await identifyWithDemoDocuments(page, false);
    const utterancesBefore = (await spoken(page)).length;

    await page.getByTestId('face-use-staff').click();
    await waitForFlowScreen(page, 'staff-verify');
    expect(await page.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('false');
    // The camera is off on the staff path.
    await expect.poll(async () => (await cameraStreams(page)).live).toBe(0);
    await page.getByTestId('pin-key-1').click();
    await shot(page, '13-staff-verify');

    await page.getByTestId('flow-cancel').click();
    await page.getByTestId('flow-cancel-dialog').waitFor();
    await shot(page, '14-cancel-confirm');
    await page.getByTestId('flow-cancel-confirm').click();

    // The runtime may show the cancelled result (nothing charged) or go straight back.
    const cancelledResult = page.locator('[data-testid="flow-result"][data-outcome="cancelled"]');
    await cancelledResult.or(page.getByTestId('screen-attract')).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    if (await cancelledResult.isVisible()) {
      expect(await page.getByTestId('flow-cancel').count(), 'no cancel on a finished flow').toBe(0);
      await shot(page, '15-result-cancelled');
      await page.getByTestId('flow-finish').click();
    }
    await page.getByTestId('screen-attract').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect((await driver.snapshot()).session).toBeNull();
    expect((await spoken(page)).length, 'nothing said while the voice is off').toBe(utterancesBefore);
    // The next citizen starts with the voice on again.
    expect((await driver.snapshot()).ui.voice).toBe(true);
    expect(await page.getByTestId('voice-toggle').getAttribute('aria-pressed')).toBe('true');
  }, 120_000);

  it('pays by the QR code on the screen: drawn large with the amount and its time, the simulated phone pays, issued', async () => {
    onTestFailed(explainFailure);
    // The citizen before (staff path, cancelled) left their ID card on the reader.
    const idReader = (await driver.snapshot()).terminal.simulatedDevices.find((device) => device.kind === 'id-card-reader')!;
    await driver.intent({ type: 'demo.simulate', deviceId: idReader.deviceId, action: { action: 'idcard.remove-card' } });
    await startEndorsement(page, false);
    await identifyWithDemoDocuments(page, false);
    await page.locator('[data-testid="flow-capture-face"][data-camera-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.getByTestId('face-take-photo').click();
    await waitForFlowScreen(page, 'choose-endorsement');
    await page.locator('[data-testid^="choose-option-"]').first().click();

    await waitForFlowScreen(page, 'choose-payment');
    const amountDue = await page.getByTestId('flow-amount-due').textContent();
    expect(await page.getByTestId('pay-method-qr').textContent()).toContain('扫码支付');
    await page.getByTestId('pay-method-qr').click();

    // The embedded platform's simulated phone pays on the terminal's first question, a few seconds on.
    await waitForFlowScreen(page, 'show-qr');
    const code = page.getByTestId('qr-code');
    const box = (await code.boundingBox())!;
    // ≥ 8 cm on a 21-inch 1080p screen (≈ 0.24 mm a pixel): at least 330 px, and square.
    expect(box.width).toBeGreaterThanOrEqual(330);
    expect(box.height).toBe(box.width);
    expect(await code.locator('path').getAttribute('d')).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(await page.getByTestId('qr-amount').textContent()).toContain(amountDue!);
    expect(await page.getByTestId('qr-countdown').textContent()).toMatch(/二维码有效时间还剩 [0-5]:\d\d/);
    expect(await page.getByTestId('qr-demo-payer').isVisible()).toBe(true);
    expect(await page.getByTestId('qr-cancel').isVisible()).toBe(true);
    expect(await page.getByTestId('flow-cancel').count(), 'no leaving the flow while the code may be paid').toBe(0);
    await shot(page, '16-show-qr');
    // Everything the citizen needs is on the screen without scrolling.
    for (const part of ['qr-code', 'qr-amount', 'qr-countdown', 'qr-demo-payer', 'qr-cancel']) expect(await page.getByTestId(part).isVisible()).toBe(true);
    const unseen = await page.evaluate(() => {
      const barTop = document.querySelector('.flow-actions')!.getBoundingClientRect().top;
      return [...document.querySelectorAll('[data-testid="flow-show-qr"] *')].filter((element) => element.getBoundingClientRect().bottom > barTop).length;
    });
    expect(unseen, 'parts of the QR screen hidden under the action bar').toBe(0);
    await expect.poll(() => spoken(page)).toContain('请用微信、支付宝或云闪付扫描二维码付款。');

    await waitForFlowScreen(page, 'rate');
    expect(await page.getByTestId('rate-outcome').getAttribute('data-outcome')).toBe('issued');
    await page.getByTestId('rate-skip').click();
    await waitForFlowScreen(page, 'result');
    expect(await page.getByTestId('flow-result').getAttribute('data-outcome')).toBe('issued');
    await driver.intent({ type: 'demo.simulate', deviceId: idReader.deviceId, action: { action: 'idcard.remove-card' } });
    await page.getByTestId('flow-finish').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: STEP_TIMEOUT_MS });
  }, 180_000);
});
