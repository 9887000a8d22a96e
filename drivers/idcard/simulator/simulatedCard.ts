import { computeIdNumberCheckDigit } from '../idNumberCheckDigit.js';
import { RESIDENT_CARD_LAYOUT } from '../textBlock/residentCard.js';
import { TEXT_BLOCK_BYTES } from '../textBlock/textBlockField.js';
import { encodeTextBlock } from '../textBlock/textBlockLayout.js';

/** A card lying on the SIMULATED reader: what its chip would hand the SAM. Synthetic data only. */
export interface SimulatedCard {
  /** The 256-byte GA 490 text block. */
  readonly text: Uint8Array;
  /** Stand-in for the 1024-byte WLT photo; never a real image. */
  readonly photo: Uint8Array;
  /** 0, 512 or 1024 bytes, returned only by 30 10. */
  readonly fingerprint: Uint8Array;
  /** For 30 03; null answers 91 "no content", as most cards do. */
  readonly appendedAddress: string | null;
}

/** Made-up resident: area 110101, born 1985-06-15, sequence 00 + odd 7 (male); the check digit is computed. */
export const SIMULATED_RESIDENT_FIELDS = {
  name: '模拟测试员',
  sex: '1',
  nation: '01',
  birthDate: '19850615',
  address: '北京市东城区模拟路100号',
  idNumber: withCheckDigit('11010119850615007'),
  issuingAuthority: '北京市公安局东城分局',
  validFrom: '20150615',
  validTo: '长期',
} as const;

/**
 * Made-up resident who holds the synthetic HK/Macau permit of the permit-reader simulator
 * (C00000001, born 1990-01-01, female): the demo citizen whose permit and ID card match.
 */
export const SYNTHETIC_PERMIT_HOLDER_FIELDS = {
  ...SIMULATED_RESIDENT_FIELDS,
  name: '测试小红',
  sex: '2',
  birthDate: '19900101',
  address: '北京市东城区模拟路200号',
  idNumber: withCheckDigit('11010119900101002'),
} as const;

/**
 * Made-up parties of the platform simulator's demo property case (BDC2026000101, contract
 * filing number WQ2026000123): seller, buyer and co-owner, so a demo transfer completes on
 * simulated devices. The 17th digit's parity gives the sex, as on a real card.
 */
export const SYNTHETIC_PROPERTY_PARTY_FIELDS = {
  seller: { ...SIMULATED_RESIDENT_FIELDS, name: '陈建国', sex: '1', birthDate: '19700101', address: '广州市天河区示例路9号', idNumber: withCheckDigit('44010619700101011') },
  buyer: { ...SIMULATED_RESIDENT_FIELDS, name: '林晓', sex: '2', birthDate: '19900202', address: '广州市天河区示例路8号', idNumber: withCheckDigit('44010619900202012') },
  'co-owner': { ...SIMULATED_RESIDENT_FIELDS, name: '何静', sex: '1', birthDate: '19910303', address: '广州市天河区示例路8号', idNumber: withCheckDigit('44010619910303013') },
} as const;

export type SimulatedResidentFields = { -readonly [K in keyof typeof SIMULATED_RESIDENT_FIELDS]: string };

/** A synthetic resident card for the simulator, demos and training mode. */
export function syntheticResidentCard(overrides: Partial<SimulatedResidentFields> = {}, extras: Partial<Omit<SimulatedCard, 'text'>> = {}): SimulatedCard {
  return {
    text: encodeTextBlock(RESIDENT_CARD_LAYOUT, { ...SIMULATED_RESIDENT_FIELDS, ...overrides }),
    photo: extras.photo ?? syntheticWltBlob(),
    fingerprint: extras.fingerprint ?? new Uint8Array(0),
    appendedAddress: extras.appendedAddress ?? null,
  };
}

/**
 * 1024 bytes that start like captured WLT data ("WLf", research §7) and continue with a
 * counter pattern, so tests can tell the bytes arrived intact. No decoder would accept it.
 */
export function syntheticWltBlob(bytes = 1024): Uint8Array {
  const blob = new Uint8Array(bytes);
  blob.set([0x57, 0x4c, 0x66, 0x00, 0x7e, 0x00, 0x32, 0x00].slice(0, bytes));
  for (let i = 8; i < bytes; i++) blob[i] = (i * 31 + 7) & 0xff;
  return blob;
}

/** The data of a successful 30 01 (no fingerprint section) or 30 10 reply: u16 BE lengths, then the parts. */
export function cardReadData(card: SimulatedCard, withFingerprint: boolean): Uint8Array {
  if (card.text.length !== TEXT_BLOCK_BYTES) throw new RangeError(`text block must be ${TEXT_BLOCK_BYTES} bytes, got ${card.text.length}`);
  const parts = withFingerprint ? [card.text, card.photo, card.fingerprint] : [card.text, card.photo];
  const header = parts.flatMap((part) => [part.length >> 8, part.length & 0xff]);
  const data = new Uint8Array(header.length + parts.reduce((sum, part) => sum + part.length, 0));
  data.set(header, 0);
  let offset = header.length;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return data;
}

function withCheckDigit(first17: string): string {
  return first17 + (computeIdNumberCheckDigit(first17) ?? '');
}
