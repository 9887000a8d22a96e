import { describe, expect, it } from 'vitest';
import { PROPERTY_FLOW_KIND } from '../../../../../electron/runtime/flows/property/propertyContext.js';
import { submitSignature } from '../../../../../electron/runtime/flows/property/signatureCapture.js';
import { VAULT_PURPOSE } from '../../../../../electron/runtime/flows/property/propertyWork.js';
import { driveToReview, openPropertyHarness, partyTakesTurn, piiRows, PropertyWorld, send, SIGNATURE, until, flowOf } from './propertyHarness.js';

describe('submitSignature', () => {
  it('refuses an image that is not a PNG before anything is stored', async () => {
    const h = openPropertyHarness(new PropertyWorld());
    const flow = h.engine.start(PROPERTY_FLOW_KIND, {});
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]).toString('base64');
    expect(submitSignature({ flows: h.engine, vault: h.vault }, flow.flowId, { ...SIGNATURE, imagePngBase64: jpeg })).toEqual({ ok: false, reason: 'not-a-png' });
    expect(piiRows(h)).toBe(0);
  });

  it('deletes the stored signature at once when the flow is not at a sign step', async () => {
    const h = openPropertyHarness(new PropertyWorld());
    const flowId = await driveToReview(h);
    expect(submitSignature({ flows: h.engine, vault: h.vault }, flowId, SIGNATURE)).toMatchObject({ ok: false, reason: 'not-applicable' });
    expect(piiRows(h, VAULT_PURPOSE.signature)).toBe(0);
  });

  it('keeps the signature in the vault under the case and only its record id in the flow', async () => {
    const h = openPropertyHarness(new PropertyWorld());
    const flowId = await driveToReview(h);
    send(h, flowId, { type: 'confirm-case' });
    await partyTakesTurn(h, flowId, 'S1');
    await until(() => flowOf(h, flowId).context.progress?.S1?.signatureRecord !== undefined, 'the signature');
    const record = flowOf(h, flowId).context.progress!.S1!.signatureRecord!;
    expect(h.vault.get(record)).toEqual({ ok: true, value: { imagePngBase64: SIGNATURE.imagePngBase64, strokes: SIGNATURE.strokes } });
    expect(JSON.stringify(flowOf(h, flowId).context)).not.toContain(SIGNATURE.imagePngBase64);
  });
});
