import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PropertyView } from '../../electron/bridge/propertyFlowView.js';
import { captureEveryVariant, captureLargeText, chromiumForTests, FAKE_CAMERA_ARGS, layoutProblems, SHOTS, startServiceFromAttract } from '../helpers/e2eScreens.js';
import { BridgeTestClient, startKiosk, type RunningKiosk } from '../helpers/kioskProcess.js';

/**
 * End-to-end: three people register the sale of a flat (不动产转移登记) on the sample terminal
 * (simulated devices, embedded platform simulator with its demo case WQ2026000123) in
 * Debian's Chromium with a fake camera. Every step is screenshotted to
 * test-artifacts/screenshots/property-*.png (landscape, zh-CN; the main screens in both
 * orientations and languages, two in large text), with the layout rules checked on each.
 */

const SERVICE_ID = 'property-transfer';
const CONTRACT_FILING_NUMBER = 'WQ2026000123';
/** The demo case's people, in the platform's order (test/platform-sim/seedData.ts). */
const DEMO_ROLES = ['seller', 'buyer', 'co-owner'] as const;
// Platform calls, device reads, the face comparison and printing happen between some screens.
const STEP_TIMEOUT_MS = 30_000;

// Each party's face photo is taken for real, from Chromium's fake camera.
const browser = chromiumForTests(FAKE_CAMERA_ARGS);

interface Visit {
  kiosk: RunningKiosk;
  driver: BridgeTestClient;
  page: Page;
}

async function openVisit(): Promise<Visit> {
  const kiosk = await startKiosk();
  const driver = await BridgeTestClient.connect(kiosk);
  const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(kiosk.url);
  return { kiosk, driver, page };
}

async function closeVisit(visit: Visit | undefined): Promise<void> {
  visit?.driver.close();
  await visit?.page.close();
  await visit?.kiosk.stop();
}

async function explainFailure(visit: Visit): Promise<void> {
  const snapshot = await visit.driver.snapshot().catch(() => null);
  console.error('screen at failure:', JSON.stringify(snapshot?.screen ?? null).slice(0, 3000));
  console.error('kiosk stderr (tail):', visit.kiosk.stderr().slice(-3000));
}

/** Landscape zh-CN, the view every step gets. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `property-${name}-landscape-zh-CN.png`) });
  expect(await layoutProblems(page), name).toEqual([]);
}

async function waitForFlowScreen(page: Page, screen: string): Promise<void> {
  await page.locator(`[data-testid="screen-flow"][data-flow-kind="property-transfer"][data-flow-screen="${screen}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** The property flow's view as the runtime has it now. */
async function propertyView(driver: BridgeTestClient): Promise<PropertyView> {
  const snapshot = await driver.snapshot();
  if (snapshot.screen.name !== 'flow' || snapshot.screen.flow.kind !== 'property-transfer') throw new Error(`not in the property flow: ${JSON.stringify(snapshot.screen).slice(0, 300)}`);
  return snapshot.screen.flow.view;
}

/** Attract → menu → the service's introduction → Start → the find-case keyboard. */
async function startPropertyTransfer({ page }: Visit, screenshots: boolean): Promise<void> {
  const names = { attract: '01-attract', menu: '02-menu', 'service-intro': '03-service-intro' } as const;
  await startServiceFromAttract(page, SERVICE_ID, screenshots ? (screen) => shot(page, names[screen]) : undefined);
  await waitForFlowScreen(page, 'find-case');
}

/** Types the demo case's contract filing number on the on-screen keys and looks it up. */
async function findDemoCase(visit: Visit, screenshots: boolean): Promise<void> {
  const { page } = visit;
  const submit = page.getByTestId('find-case-submit');
  expect(await submit.isDisabled(), 'nothing to look up yet').toBe(true);
  for (const key of CONTRACT_FILING_NUMBER) await page.getByTestId(`case-key-${key}`).click();
  expect(await page.getByTestId('find-case-typed').textContent()).toBe(CONTRACT_FILING_NUMBER);
  if (screenshots) {
    await captureEveryVariant(page, visit.driver, 'property-04-find-case');
    await captureLargeText(page, visit.driver, 'property-04-find-case');
  }
  await submit.click();
  await waitForFlowScreen(page, 'review-case');
}

/** Two strokes across the pad with the mouse, as a finger would write. */
async function signOnPad(page: Page): Promise<void> {
  const box = (await page.getByTestId('sign-pad').boundingBox())!;
  const y = box.y + box.height / 2;
  for (const [from, to] of [
    [0.15, 0.45],
    [0.5, 0.85],
  ] as const) {
    await page.mouse.move(box.x + box.width * from, y - 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * ((from + to) / 2), y + 50, { steps: 8 });
    await page.mouse.move(box.x + box.width * to, y - 30, { steps: 8 });
    await page.mouse.up();
  }
}

/**
 * One party's turn: their card on the reader (the demo button places the card of the party
 * whose turn it is), their photo, their signature. Returns the role the banner named.
 */
async function verifyAndSignParty(visit: Visit, position: number, screenshots: boolean): Promise<string> {
  const { page, driver } = visit;
  await waitForFlowScreen(page, 'insert-id-card');
  const banner = page.getByTestId('party-banner');
  const role = (await banner.getAttribute('data-role'))!;
  expect(await banner.textContent()).toContain(`第 ${position}/3 位`);
  expect(await page.getByTestId('party-absent').isVisible(), 'the way out when someone has not come').toBe(true);
  if (screenshots) await shot(page, `05-${position}-insert-id-card`);
  if (screenshots && position === 2) await captureEveryVariant(page, driver, 'property-05-2-insert-id-card');
  await page.getByTestId('demo-simulate').click();

  await waitForFlowScreen(page, 'capture-face');
  // The card has been read: its owner takes it back before the next person places theirs.
  const idReader = (await driver.snapshot()).terminal.simulatedDevices.find((device) => device.kind === 'id-card-reader')!;
  expect(await driver.intent({ type: 'demo.simulate', deviceId: idReader.deviceId, action: { action: 'idcard.remove-card' } })).toMatchObject({ ok: true });
  await page.locator('[data-testid="flow-capture-face"][data-camera-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  if (screenshots) await shot(page, `06-${position}-capture-face`);
  await page.getByTestId('face-take-photo').click();

  await waitForFlowScreen(page, 'sign');
  const confirm = page.getByTestId('sign-confirm');
  expect(await confirm.isDisabled(), 'nothing signed yet').toBe(true);
  if (screenshots) await shot(page, `07-${position}-sign`);
  if (screenshots && position === 1) await captureEveryVariant(page, driver, 'property-07-1-sign');
  await signOnPad(page);
  await page.locator('[data-testid="sign-pad"][data-has-ink="true"]').waitFor();
  expect(await confirm.isEnabled()).toBe(true);
  if (screenshots) await shot(page, `08-${position}-signed`);
  if (screenshots && position === 1) await captureLargeText(page, driver, 'property-08-1-signed');
  await confirm.click();
  // The runtime keeps the party's progress: this one is now verified and signed.
  await expect.poll(async () => (await propertyView(driver)).parties.find((party) => party.role === role)).toMatchObject({ verified: true, signed: true });
  return role;
}

describe('citizens: real-estate transfer on simulated devices', () => {
  // A terminal of its own for each journey, so one journey's leftovers cannot steer the other.
  let visit: Visit;
  beforeEach(async (context) => {
    visit = await openVisit();
    context.onTestFailed(() => explainFailure(visit));
  });
  afterEach(() => closeVisit(visit));

  it('find the case, three people verify and sign, one extra certificate, payment code, printed here, rated, accepted', async () => {
    const { page, driver } = visit;
    await startPropertyTransfer(visit, true);
    await findDemoCase(visit, true);

    // Review: the property, the registration, every party with role and share, the taxes.
    const review = (await page.getByTestId('screen-flow').textContent())!;
    expect(review).toContain('440106001001GB00001F00010001');
    expect(review).toContain('89.50');
    expect(review).toContain('卖方');
    expect(review).toContain('份额 1/2');
    expect(await page.locator('[data-testid="tax-table"] [data-tax-status]').count()).toBeGreaterThan(0);
    await captureEveryVariant(page, driver, 'property-05-review-case');
    await page.getByTestId('review-case-confirm').click();

    const roles: string[] = [];
    for (let position = 1; position <= 3; position++) roles.push(await verifyAndSignParty(visit, position, true));
    expect(roles).toEqual([...DEMO_ROLES]);

    // Fees: the taxes shown with their status, the fee, and one certificate beyond the first.
    await waitForFlowScreen(page, 'review-fees');
    const totalBefore = await page.getByTestId('fees-total').textContent();
    await page.getByTestId('extra-certificates-plus').click();
    expect(await page.getByTestId('extra-certificates-count').textContent()).toBe('1');
    const totalAfter = (await page.getByTestId('fees-total').textContent())!;
    expect(totalAfter).not.toBe(totalBefore);
    expect(totalAfter).toMatch(/^¥[\d,]+\.\d\d$/);
    await captureEveryVariant(page, driver, 'property-09-review-fees');
    await page.getByTestId('fees-confirm').click();

    // Pay: the amount is under the payment-code limit, so the code is offered.
    await waitForFlowScreen(page, 'choose-payment');
    expect(await page.getByTestId('flow-amount-due').textContent()).toBe(totalAfter);
    await shot(page, '10-choose-payment');
    await page.getByTestId('pay-method-payment-code').click();
    await waitForFlowScreen(page, 'scan-code');
    expect(await page.getByTestId('flow-scan-code').textContent()).toContain(totalAfter);
    await shot(page, '11-scan-code');
    await page.getByTestId('demo-simulate').click();

    // Delivery: printed at this terminal.
    await waitForFlowScreen(page, 'choose-delivery');
    await captureEveryVariant(page, driver, 'property-12-choose-delivery');
    await page.getByTestId('delivery-print-at-terminal').click();

    await waitForFlowScreen(page, 'rate');
    expect(await page.getByTestId('rate-outcome').getAttribute('data-outcome')).toBe('accepted');
    await shot(page, '13-rate');
    await page.getByTestId('rate-level-5').click();
    await page.getByTestId('rate-submit').click();

    await waitForFlowScreen(page, 'result');
    const result = page.getByTestId('flow-result');
    expect(await result.getAttribute('data-outcome')).toBe('accepted');
    const accepted = await propertyView(driver);
    if (accepted.screen !== 'result') throw new Error(accepted.screen);
    expect(accepted.acceptanceNumber).toBeTruthy();
    expect(await page.getByTestId('property-acceptance-number').textContent()).toBe(accepted.acceptanceNumber);
    expect(await page.getByTestId('property-delivery').getAttribute('data-method')).toBe('print-at-terminal');
    expect(await page.locator('[data-testid="property-certificates"] li').count()).toBeGreaterThan(0);
    await captureEveryVariant(page, driver, 'property-14-result-accepted');

    await page.getByTestId('flow-finish').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect((await driver.snapshot()).session).toBeNull();
  }, 360_000);

  it('the seller signs, the buyer is not here: the visit ends naming the buyer and co-owner, nothing charged', async () => {
    const { page, driver } = visit;
    await startPropertyTransfer(visit, false);
    await findDemoCase(visit, false);
    await page.getByTestId('review-case-confirm').click();
    expect(await verifyAndSignParty(visit, 1, false)).toBe('seller');

    // The next party's turn: "this person is not here" asks first, and going back keeps the visit.
    await waitForFlowScreen(page, 'insert-id-card');
    await page.getByTestId('party-absent').click();
    await page.getByTestId('party-absent-dialog').waitFor();
    await shot(page, '15-party-absent-confirm');
    await page.getByTestId('party-absent-back').click();
    await page.getByTestId('party-absent-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('party-absent').click();
    await page.getByTestId('party-absent-confirm').click();

    await waitForFlowScreen(page, 'result');
    expect(await page.getByTestId('flow-result').getAttribute('data-outcome')).toBe('parties-missing');
    const missing = page.locator('[data-testid="property-missing-parties"] li');
    expect(await missing.evaluateAll((items) => items.map((item) => item.getAttribute('data-role')))).toEqual(['buyer', 'co-owner']);
    const view = await propertyView(driver);
    for (const party of view.parties.filter((candidate) => candidate.role !== 'seller')) {
      expect(await page.getByTestId('property-missing-parties').textContent()).toContain(party.nameMasked);
    }
    // Nothing charged: no payment was ever taken, and the screen says so.
    expect(view.phase).toBe('before-payment');
    const resultText = await page.getByTestId('flow-result').textContent();
    expect(resultText).toContain('未收取任何费用');
    expect(resultText).not.toContain('已缴费');
    await captureEveryVariant(page, driver, 'property-16-result-parties-missing');

    await page.getByTestId('flow-finish').click();
    await page.getByTestId('screen-attract').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect((await driver.snapshot()).session).toBeNull();
  }, 240_000);
});
