/** Characters per line in font A (12 dots): 576 printable dots on 80 mm paper, 384 on 58 mm. */
export const COLUMNS_BY_PAPER_WIDTH = { '80mm': 48, '58mm': 32 } as const;

export type PaperWidth = keyof typeof COLUMNS_BY_PAPER_WIDTH;

export function columnsFor(paper: PaperWidth): number {
  return COLUMNS_BY_PAPER_WIDTH[paper];
}
