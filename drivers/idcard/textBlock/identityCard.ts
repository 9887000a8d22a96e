import type { ForeignerCard2017 } from './foreignerCard2017.js';
import type { ForeignerCard2023 } from './foreignerCard2023.js';
import type { ResidencePermitCard } from './residencePermit.js';
import type { ResidentIdCard } from './residentCard.js';

/** Every card a SAM_V reader can read, told apart by `type`. All carry name, idNumber, validFrom and validTo. */
export type IdentityCard = ResidentIdCard | ForeignerCard2017 | ForeignerCard2023 | ResidencePermitCard;

export type IdentityCardType = IdentityCard['type'];
