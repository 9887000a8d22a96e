import { computeIdNumberCheckDigit } from '../../drivers/idcard/idNumberCheckDigit.js';
import { SYNTHETIC_PROPERTY_PARTY_FIELDS as DEMO_PARTIES } from '../../drivers/idcard/simulator/simulatedCard.js';
import type { PostalAddress, PropertyCase } from '../../electron/platform/platformApiTypes.js';
import type { SimulatorStore } from './simulatorStore.js';
import { maskIdNumber, maskName } from './simulatorHandler.js';

/**
 * Synthetic people and cases the simulator knows from its first start. Names are made up; ID
 * numbers have valid GB 11643 check characters but belong to nobody. README.md lists what
 * each one is for.
 */

function idNumber(first17: string): string {
  const check = computeIdNumberCheckDigit(first17);
  if (check === null) throw new Error(`not 17 digits: ${first17}`);
  return `${first17}${check}`;
}

export interface SeedHolder {
  permitNumber: string;
  permitType: 'CS' | 'CD';
  name: string;
  idNumber: string;
  hukouCity: string;
  schemeCity: boolean;
  /** Days of permit validity left, counted from whenever the platform is asked. */
  permitValidDays: number;
  stateEmployee: boolean;
  previousEndorsement: boolean;
  issueFails: boolean;
  faceMatches: boolean;
  approvalRefusal: string | null;
}

const holder = (h: Partial<SeedHolder> & Pick<SeedHolder, 'permitNumber' | 'name' | 'idNumber'>): SeedHolder => ({
  permitType: 'CS',
  hukouCity: '广州',
  schemeCity: true,
  permitValidDays: 2000,
  stateEmployee: false,
  previousEndorsement: true,
  issueFails: false,
  faceMatches: true,
  approvalRefusal: null,
  ...h,
});

export const SEED_HOLDERS: readonly SeedHolder[] = [
  holder({ permitNumber: 'C10000001', name: '王小明', idNumber: idNumber('44010619900307001') }),
  holder({ permitNumber: 'C20000002', name: '李华', idNumber: idNumber('23120219880512002'), hukouCity: '绥化', schemeCity: false }),
  holder({ permitNumber: 'C30000003', name: '赵敏', idNumber: idNumber('44010619850911003'), stateEmployee: true }),
  holder({ permitNumber: 'C40000004', name: '钱程', idNumber: idNumber('44010619920101004'), permitValidDays: 60 }),
  holder({ permitNumber: 'C50000005', name: '孙丽', idNumber: idNumber('44010619950620005'), previousEndorsement: false }),
  holder({ permitNumber: 'C60000006', name: '周强', idNumber: idNumber('44010619870808006'), issueFails: true }),
  holder({ permitNumber: 'C70000007', name: '吴芳', idNumber: idNumber('44010619930303007'), faceMatches: false }),
  holder({ permitNumber: 'C80000008', name: '郑凯', idNumber: idNumber('44010619910909008'), approvalRefusal: 'exit-restricted' }),
  holder({ permitNumber: 'L10000001', permitType: 'CD', name: '冯雪', idNumber: idNumber('44010619960216009') }),
  // The simulated devices' demo citizen: the synthetic HK/Macau permit (drivers/permit/simulator)
  // and the matching synthetic ID card (SYNTHETIC_PERMIT_HOLDER_FIELDS), so a demo completes.
  holder({ permitNumber: 'C00000001', name: '测试小红', idNumber: idNumber('11010119900101002') }),
];

interface SeedParty {
  partyId: string;
  role: PropertyCase['parties'][number]['role'];
  name: string;
  idNumber: string;
  required: boolean;
  share: string | null;
  faceMatches?: boolean;
}

interface SeedPropertyCase {
  case: Omit<PropertyCase, 'parties' | 'status'>;
  parties: SeedParty[];
  printAtTerminal: boolean;
  /** The buyers' mailing address from the filed contract (synthetic); null: post needs the counter. */
  mailingAddress: PostalAddress | null;
}

const HOUSING = { 'zh-CN': '住宅', en: 'Housing' };

export const SEED_PROPERTY_CASES: readonly SeedPropertyCase[] = [
  {
    case: {
      caseNumber: 'BDC2026000101',
      contractFilingNumber: 'WQ2026000123',
      registrationType: 'transfer',
      property: {
        unitNumber: '440106001001GB00001F00010001',
        address: '广州市天河区示例路1号1栋101房',
        areaSquareMeters: 89.5,
        use: 'housing',
        useDescription: HOUSING,
        certificateNumber: '粤(2019)广州市不动产权第0100001号',
      },
      taxes: [
        { taxId: 'T-101-1', name: { 'zh-CN': '契税', en: 'Deed tax' }, amountFen: 1_342_500, status: 'paid' },
        { taxId: 'T-101-2', name: { 'zh-CN': '个人所得税', en: 'Individual income tax' }, amountFen: 0, status: 'paid' },
      ],
      mortgage: null,
    },
    parties: [
      // The simulated ID-card reader's property personas (demo.simulate), so a demo completes.
      { partyId: 'S1', role: 'seller', name: DEMO_PARTIES.seller.name, idNumber: DEMO_PARTIES.seller.idNumber, required: true, share: null },
      { partyId: 'B1', role: 'buyer', name: DEMO_PARTIES.buyer.name, idNumber: DEMO_PARTIES.buyer.idNumber, required: true, share: '1/2' },
      { partyId: 'B2', role: 'co-owner', name: DEMO_PARTIES['co-owner'].name, idNumber: DEMO_PARTIES['co-owner'].idNumber, required: true, share: '1/2' },
    ],
    printAtTerminal: true,
    mailingAddress: { recipient: DEMO_PARTIES.buyer.name, phone: '13800000000', address: '广州市海珠区示例大道88号5栋1202房', postcode: '510220' },
  },
  {
    case: {
      caseNumber: 'BDC2026000102',
      contractFilingNumber: 'WQ2026000456',
      registrationType: 'transfer-with-mortgage',
      property: {
        unitNumber: '440106002003GB00002F00020003',
        address: '广州市天河区示例路2号3栋203房',
        areaSquareMeters: 120.2,
        use: 'housing',
        useDescription: HOUSING,
        certificateNumber: '粤(2020)广州市不动产权第0200002号',
      },
      taxes: [{ taxId: 'T-102-1', name: { 'zh-CN': '契税', en: 'Deed tax' }, amountFen: 1_803_000, status: 'paid' }],
      mortgage: { lender: '示例银行广州分行', amountFen: 100_000_000, electronicCertificate: true },
    },
    parties: [
      { partyId: 'S1', role: 'seller', name: '黄伟', idNumber: idNumber('44010619680404021'), required: true, share: null },
      { partyId: 'B1', role: 'buyer', name: '梁悦', idNumber: idNumber('44010619920505022'), required: true, share: null },
      // A lender's 统一社会信用代码 stands where a person's ID number would.
      { partyId: 'M1', role: 'mortgagee', name: '示例银行', idNumber: '91440101MA59ABCD1X', required: false, share: null },
    ],
    printAtTerminal: false,
    mailingAddress: null,
  },
  {
    case: {
      caseNumber: 'BDC2026000103',
      contractFilingNumber: 'WQ2026000789',
      registrationType: 'transfer',
      property: {
        unitNumber: '440106003001GB00003F00030001',
        address: '广州市天河区示例路3号写字楼1201室',
        areaSquareMeters: 65,
        use: 'non-housing',
        useDescription: { 'zh-CN': '办公', en: 'Office' },
        certificateNumber: '粤(2018)广州市不动产权第0300003号',
      },
      taxes: [
        { taxId: 'T-103-1', name: { 'zh-CN': '契税', en: 'Deed tax' }, amountFen: 585_000, status: 'paid' },
        { taxId: 'T-103-2', name: { 'zh-CN': '增值税', en: 'Value-added tax' }, amountFen: 310_000, status: 'unpaid' },
      ],
      mortgage: null,
    },
    parties: [
      { partyId: 'S1', role: 'seller', name: '罗斌', idNumber: idNumber('44010619750606031'), required: true, share: null },
      { partyId: 'B1', role: 'buyer', name: '谢婷', idNumber: idNumber('44010619940707032'), required: true, share: null },
    ],
    printAtTerminal: false,
    mailingAddress: { recipient: '谢婷', phone: '13900000000', address: '广州市越秀区示例街6号3楼', postcode: '510030' },
  },
];

/** Inserts the seed rows that are not there yet (a reused data directory keeps its state). */
export function seedSimulatorStore(store: SimulatorStore): void {
  const insertHolder = store.stmt(
    `INSERT OR IGNORE INTO holders (permit_number, permit_type, name, id_number, hukou_city, scheme_city, permit_valid_days,
       state_employee, previous_endorsement, issue_fails, face_matches, approval_refusal)
     VALUES (@permitNumber, @permitType, @name, @idNumber, @hukouCity, @schemeCity, @permitValidDays,
       @stateEmployee, @previousEndorsement, @issueFails, @faceMatches, @approvalRefusal)`,
  );
  const insertCase = store.stmt(
    `INSERT OR IGNORE INTO property_cases (case_number, contract_filing_number, case_json, print_at_terminal, status)
     VALUES (?, ?, ?, ?, 'awaiting-application')`,
  );
  const insertParty = store.stmt(
    'INSERT OR IGNORE INTO property_parties (case_number, party_id, name, id_number, face_matches) VALUES (?, ?, ?, ?, ?)',
  );
  store.db.transaction(() => {
    for (const h of SEED_HOLDERS) {
      insertHolder.run({
        ...h,
        schemeCity: Number(h.schemeCity),
        stateEmployee: Number(h.stateEmployee),
        previousEndorsement: Number(h.previousEndorsement),
        issueFails: Number(h.issueFails),
        faceMatches: Number(h.faceMatches),
      });
    }
    for (const seed of SEED_PROPERTY_CASES) {
      const parties = seed.parties.map((p) => ({
        partyId: p.partyId,
        role: p.role,
        nameMasked: maskName(p.name),
        idNumberMasked: maskIdNumber(p.idNumber),
        required: p.required,
        share: p.share,
      }));
      insertCase.run(seed.case.caseNumber, seed.case.contractFilingNumber, JSON.stringify({ ...seed.case, parties }), Number(seed.printAtTerminal));
      for (const p of seed.parties) insertParty.run(seed.case.caseNumber, p.partyId, p.name, p.idNumber, Number(p.faceMatches ?? true));
    }
  })();
}

/** The property case the simulated devices' demo personas belong to. */
export const DEMO_PROPERTY_CASE_NUMBER = 'BDC2026000101';

/**
 * Demo terminals only (the kiosk's embedded simulator, at start-up): the demo property case is
 * open for an application again, so a demo kiosk can be shown the transfer after every restart.
 */
export function reopenDemoPropertyCase(store: SimulatorStore): void {
  store
    .stmt("UPDATE property_cases SET status = 'awaiting-application', acceptance_number = NULL, delivery_json = NULL WHERE case_number = ?")
    .run(DEMO_PROPERTY_CASE_NUMBER);
}
