import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EMPTY_UPDATE_JOURNAL, updateJournalSchema, type UpdateJournal } from './updateJournal.js';

export const UPDATE_JOURNAL_FILE = 'update-journal.json';

export interface UpdateJournalStore {
  /** Never throws: a missing file is an empty journal; an unreadable one too, with a problem. */
  read(): { journal: UpdateJournal; problem?: string };
  write(journal: UpdateJournal): void;
}

/** The journal as a JSON file in the data directory, replaced atomically (write, then rename). */
export function createFileUpdateJournalStore(file: string): UpdateJournalStore {
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { journal: EMPTY_UPDATE_JOURNAL };
        return { journal: EMPTY_UPDATE_JOURNAL, problem: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        return { journal: EMPTY_UPDATE_JOURNAL, problem: `${file}: not valid JSON; starting with an empty update journal` };
      }
      const parsed = updateJournalSchema.safeParse(data);
      if (!parsed.success) {
        return { journal: EMPTY_UPDATE_JOURNAL, problem: `${file}: not an update journal (${parsed.error.issues[0]?.message ?? 'invalid'})` };
      }
      return { journal: parsed.data };
    },
    write(journal) {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(journal, null, 2)}\n`);
      renameSync(temporary, file);
    },
  };
}

export function createMemoryUpdateJournalStore(initial: UpdateJournal = EMPTY_UPDATE_JOURNAL): UpdateJournalStore & { current(): UpdateJournal } {
  let journal = initial;
  return {
    read: () => ({ journal }),
    write: (next) => {
      journal = next;
    },
    current: () => journal,
  };
}
