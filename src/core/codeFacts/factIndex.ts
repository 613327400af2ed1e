import type { Card, Deck } from '../deck/types';
import { BUILTIN_WORDS } from './contextRules';
import { deckIdentifierKey, operationBase } from './naming';
import type { DiagnosticKind, Service } from './types';

export interface DeckInput {
  /** DeckManager's key (`builtin:…` / `workspace:…`), used in command arguments. */
  key: string;
  deck: Deck;
}

export interface CardRef {
  deckKey: string;
  deckTitle: string;
  card: Card;
  /** Position across all decks, in the order they were given: the tie-breaker of the ranking. */
  order: number;
  /** From the card's tags: `firehose`, or `kinesis`/`data-streams`. */
  service?: Service;
  /** The answer's first line: the key figure the limits deck puts in bold. */
  keyFigure: string;
  bold: boolean;
}

interface Entry {
  ref: CardRef;
  /** The identifier as the deck spells it. */
  spelling: string;
}

/**
 * The cards that explain identifiers, from the `code:` metadata of every loaded deck (so a team deck
 * adds its own hovers). Built once per deck change; lookups are map hits.
 */
export class FactIndex {
  private readonly byKey = new Map<string, Entry[]>();
  /** Deck identifiers that are SDK operation wrappers (`PutRecordsCommand`), filed under the operation. */
  private readonly byBase = new Map<string, Entry[]>();
  readonly cards: CardRef[] = [];
  /** Shortest normalized word the scanners must find (the built-in words are all longer than 4). */
  shortestWord = 4;

  static build(decks: readonly DeckInput[]): FactIndex {
    const index = new FactIndex();
    const seen = new Set<string>();
    for (const { key, deck } of decks) {
      for (const card of deck.cards) {
        if (!card.code.length) continue;
        const keyFigure = firstLine(card.answer);
        // The same deck can be loaded twice (a copy in the workspace): one hover entry is enough.
        const signature = `${card.id}\n${card.question}\n${keyFigure}`;
        if (seen.has(signature)) continue;
        seen.add(signature);
        const ref: CardRef = {
          deckKey: key,
          deckTitle: deck.title,
          card,
          order: index.cards.length,
          service: serviceOf(card.tags),
          keyFigure,
          bold: /^\*\*|^__/.test(keyFigure),
        };
        index.cards.push(ref);
        for (const spelling of new Set(card.code)) {
          const norm = deckIdentifierKey(spelling);
          if (!norm) continue;
          index.shortestWord = Math.min(index.shortestWord, norm.length);
          push(index.byKey, norm, { ref, spelling });
          const base = operationBase(norm);
          if (base !== norm) push(index.byBase, base, { ref, spelling });
        }
      }
    }
    return index;
  }

  /** Whether some deck writes this name starting with a lower-case letter (a property, method or module), not only as a type. */
  hasLowerCaseSpelling(normalized: string): boolean {
    const entries = [...(this.byKey.get(normalized) ?? []), ...(this.byBase.get(normalized) ?? [])];
    return entries.length === 0 || entries.some((e) => /^[a-z]/.test(e.spelling));
  }

  /** Whether the scanners should index a normalized name. */
  has(normalized: string): boolean {
    return this.byKey.has(normalized) || this.byBase.has(normalized) || BUILTIN_WORDS.has(normalized);
  }

  /**
   * Cards for the first key that has any, then the others, ranked: earlier keys first, then the
   * spelling as written before normalized or operation-level matches, then cards whose answer opens
   * with a bold key figure, then deck order.
   */
  lookup(keys: readonly string[], raw?: string): CardRef[] {
    const ranks = new Map<CardRef, number>();
    const consider = (entries: Entry[] | undefined, keyIndex: number, quality: number) => {
      if (!entries) return;
      for (const { ref, spelling } of entries) {
        const q = quality === 0 && raw !== undefined && spelling !== raw ? 1 : quality;
        const rank = ((keyIndex * 3 + q) * 2 + (ref.bold ? 0 : 1)) * 1_000_000 + ref.order;
        const prev = ranks.get(ref);
        if (prev === undefined || rank < prev) ranks.set(ref, rank);
      }
    };
    keys.forEach((key, i) => {
      consider(this.byKey.get(key), i, 0);
      consider(this.byBase.get(key), i, 2);
      const base = operationBase(key);
      if (base !== key) consider(this.byKey.get(base), i, 2);
    });
    return [...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([ref]) => ref);
  }

  find(deckKey: string, cardId: string): CardRef | undefined {
    return this.cards.find((c) => c.deckKey === deckKey && c.card.id === cardId);
  }

  /** The card a diagnostic's "Open the card" action opens: the limits deck's card if loaded, else any card about the same identifiers. */
  cardForDiagnostic(kind: DiagnosticKind): CardRef | undefined {
    const target = DIAGNOSTIC_CARDS[kind];
    for (const id of target.ids) {
      const hit = this.cards.find((c) => c.card.id === id);
      if (hit) return hit;
    }
    return this.lookup(target.identifiers.map((i) => deckIdentifierKey(i)))[0];
  }
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function serviceOf(tags: readonly string[]): Service | undefined {
  const lower = tags.map((t) => t.toLowerCase());
  if (lower.includes('firehose')) return 'firehose';
  if (lower.includes('data-streams') || lower.includes('kinesis')) return 'kinesis';
  return undefined;
}

/** First non-empty line of an answer, without list, quote or heading markers. */
export function firstLine(markdown: string): string {
  for (const line of markdown.split('\n')) {
    const t = line.replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)?/, '').trim();
    if (t) return t;
  }
  return '';
}

const DIAGNOSTIC_CARDS: Record<DiagnosticKind, { ids: string[]; identifiers: string[] }> = {
  'kinesis-retention-range': { ids: ['f01-retention'], identifiers: ['retentionPeriod', 'RetentionPeriodHours'] },
  'firehose-buffer-interval-range': { ids: ['f21-buffering-hints'], identifiers: ['bufferingInterval', 'IntervalInSeconds'] },
  'firehose-buffer-size-range': { ids: ['f21-buffering-hints'], identifiers: ['bufferingSize', 'SizeInMBs'] },
  'lambda-batch-size-range': { ids: ['f13-lambda-batching'], identifiers: ['batchSize'] },
  'lambda-parallelization-range': { ids: ['f13-lambda-parallelization'], identifiers: ['parallelizationFactor'] },
  'lambda-batching-window-range': { ids: ['f13-lambda-batching'], identifiers: ['maxBatchingWindow'] },
  'getrecords-limit-range': { ids: ['f07-getrecords-per-call'], identifiers: ['GetRecordsCommand'] },
  'kcl-max-records-range': { ids: ['f07-getrecords-per-call'], identifiers: ['maxRecords'] },
  'putrecords-too-many': { ids: ['f09-putrecords-limits'], identifiers: ['PutRecords'] },
  'putrecordbatch-too-many': { ids: ['f25-putrecordbatch'], identifiers: ['PutRecordBatch'] },
  'kda-sql-runtime': { ids: ['f30-kda-sql-discontinued'], identifiers: ['SQL_1_0'] },
  'kda-sql-api': { ids: ['f30-kda-sql-discontinued'], identifiers: ['SQL_1_0', 'kinesisanalytics'] },
  'cdk-v1': { ids: ['f31-cdk-v1-eos'], identifiers: ['aws_kinesisfirehose_alpha'] },
  'firehose-alpha': { ids: ['f31-cdk-v1-eos'], identifiers: ['aws_kinesisfirehose_alpha'] },
  'kcl-v1': { ids: ['f15-kcl-versions'], identifiers: ['KCLProcess', 'ConfigsBuilder'] },
};
