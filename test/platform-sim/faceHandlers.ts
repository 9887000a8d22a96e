import { createHash } from 'node:crypto';
import type { Reason, Verification } from '../../electron/platform/platformApiTypes.js';
import { type OperationHandlers, SimulatorError, newId, terminalOf } from './simulatorHandler.js';
import type { SimulatorStore } from './simulatorStore.js';

/**
 * Face comparison. The image is decoded, looked at (format, size) and dropped: the simulator
 * stores the decision, the score and the image's size, never its bytes (test/integration
 * checks the database file for them). Whether a subject's face "matches" is seeded.
 */

export const FACE_MATCH_THRESHOLD = 0.8;
/** A comparison proves identity for this long. */
const COMPARISON_VALID_MS = 10 * 60_000;
const MIN_IMAGE_BYTES = 1024;

function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/** A stable score for an image: the same picture always scores the same. */
function scoreFor(image: Buffer, matches: boolean): number {
  const spread = (createHash('sha256').update(image).digest()[0] ?? 0) / 255;
  const score = matches ? 0.86 + spread * 0.13 : 0.2 + spread * 0.25;
  return Math.round(score * 1000) / 1000;
}

/** Who a subject is: the key comparisons are filed under, and whether their face matches. */
function findSubject(store: SimulatorStore, subject: { idNumber: string } | { permitType: string; permitNumber: string }) {
  if ('idNumber' in subject) {
    const holder = store.stmt('SELECT face_matches FROM holders WHERE id_number = ?').get(subject.idNumber) as { face_matches: number } | undefined;
    const party = store.stmt('SELECT face_matches FROM property_parties WHERE id_number = ? LIMIT 1').get(subject.idNumber) as
      | { face_matches: number }
      | undefined;
    const found = holder ?? party;
    return found ? { key: `id:${subject.idNumber}`, matches: found.face_matches === 1 } : null;
  }
  const holder = store
    .stmt('SELECT face_matches FROM holders WHERE permit_number = ? AND permit_type = ?')
    .get(subject.permitNumber, subject.permitType) as { face_matches: number } | undefined;
  return holder ? { key: `permit:${subject.permitNumber}`, matches: holder.face_matches === 1 } : null;
}

/**
 * Checks a verification a request refers to. Face: a matching comparison by this terminal, for
 * one of the subject keys, recent. Staff-assisted: the staff member vouched on the terminal.
 */
export function checkVerification(
  context: { store: SimulatorStore; terminalId: string | null; now: number },
  verification: Verification,
  subjectKeys: readonly string[],
): Reason | null {
  if (verification.method === 'staff-assisted') return null;
  const row = context.store
    .stmt('SELECT subject_key, decision, created_at FROM face_comparisons WHERE comparison_id = ? AND terminal_id = ?')
    .get(verification.comparisonId, terminalOf(context)) as { subject_key: string; decision: string; created_at: number } | undefined;
  if (!row) return { code: 'comparison-not-found', message: { 'zh-CN': '未找到人脸比对记录', en: 'No such face comparison' } };
  if (!subjectKeys.includes(row.subject_key)) {
    return { code: 'comparison-of-someone-else', message: { 'zh-CN': '人脸比对对象与申请人不符', en: 'The face comparison was for another person' } };
  }
  if (row.decision !== 'match') return { code: 'face-not-matched', message: { 'zh-CN': '人脸比对未通过', en: 'The face comparison did not match' } };
  if (context.now - row.created_at > COMPARISON_VALID_MS) {
    return { code: 'comparison-expired', message: { 'zh-CN': '人脸比对已过期，请重新比对', en: 'The face comparison is too old; compare again' } };
  }
  return null;
}

export const faceHandlers: Pick<OperationHandlers, 'compareFace'> = {
  compareFace(context) {
    const terminalId = terminalOf(context);
    const request = context.body;
    const subject = findSubject(context.store, request.subject);
    if (!subject) throw new SimulatorError('subject-not-found');
    const image = Buffer.from(request.liveImage.dataBase64, 'base64');
    const formatOk = request.liveImage.format === 'jpeg' ? isJpeg(image) : isPng(image);
    if (!formatOk) throw new SimulatorError('bad-image', { expected: request.liveImage.format });
    const comparisonId = newId('fc');
    const tooSmall = image.length < MIN_IMAGE_BYTES;
    const score = tooSmall ? 0 : scoreFor(image, subject.matches);
    const decision = tooSmall ? 'retry' : score >= FACE_MATCH_THRESHOLD ? 'match' : 'no-match';
    context.store
      .stmt(
        `INSERT INTO face_comparisons (comparison_id, terminal_id, purpose, subject_key, decision, score, image_bytes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(comparisonId, terminalId, request.purpose, subject.key, decision, score, image.length, context.now);
    image.fill(0);
    return { comparisonId, decision, score, threshold: FACE_MATCH_THRESHOLD, retained: false };
  },
};
