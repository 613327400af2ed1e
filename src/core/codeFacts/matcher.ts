import type { CancellationToken } from './cancellation';
import { contextRule } from './contextRules';
import type { DocumentIndex } from './documentIndex';
import type { CardRef, FactIndex } from './factIndex';
import type { Occurrence } from './types';

export interface FactMatch {
  occurrence: Occurrence;
  /** Best first. */
  cards: CardRef[];
  /** Computed from the literal value next to the identifier, Markdown with bold figures. */
  hint?: string;
}

/** The cards (and computed hint) for one occurrence, or undefined when the context rules say it is not about Kinesis here. */
export function matchOccurrence(index: DocumentIndex, occ: Occurrence, facts: FactIndex): FactMatch | undefined {
  // Inside a call of a competing service (`new DynamoDBStreams GetRecordsCommand({…})`), nothing is about Kinesis.
  if (index.insideForeignCall(occ)) return undefined;
  const rule = contextRule(occ.key);
  // A camelCase variable named after a type (`configsBuilder`, `firehoseClient`) is not the type; members and keys still count.
  if (occ.role === 'name' && occ.chain.length === 0 && /^[a-z]/.test(occ.raw) && (rule?.typeName || !facts.hasLowerCaseSpelling(occ.key))) return undefined;
  const ctx = rule ? index.context(occ) : undefined;
  if (rule && ctx && !rule.allowed(ctx)) return undefined;
  const also = rule?.alsoLookup;
  const keys = [occ.key, ...(typeof also === 'function' ? also(ctx!) : (also ?? []))];
  if (rule?.lookupOwners) {
    const owner = index.nearestOwner(occ, rule.lookupOwners);
    if (owner) keys.push(owner);
  }
  let cards = facts.lookup(keys, occ.raw);
  // Same name, two services (`PutRecordCommand` exists in the Kinesis and the Firehose client).
  const service = occ.service ?? index.fileService;
  if (service && cards.some((c) => c.service === service)) cards = cards.filter((c) => !c.service || c.service === service);
  const hint = index.verdict(occ)?.hint;
  if (!cards.length && !hint) return undefined;
  return { occurrence: occ, cards, hint };
}

export function matchAt(index: DocumentIndex, offset: number, facts: FactIndex): FactMatch | undefined {
  const occ = index.occurrenceAt(offset);
  return occ ? matchOccurrence(index, occ, facts) : undefined;
}

/** `deckKey/cardId` of every card linked from the document, in order of first appearance. */
export function cardsInDocument(index: DocumentIndex, facts: FactIndex, token?: CancellationToken): string[] | undefined {
  const out = new Set<string>();
  let n = 0;
  for (const occ of index.occurrences) {
    if ((++n & 0x3ff) === 0 && token?.isCancellationRequested) return undefined;
    const match = matchOccurrence(index, occ, facts);
    if (!match) continue;
    for (const ref of match.cards) out.add(cardRefId(ref));
  }
  return [...out];
}

export function cardRefId(ref: CardRef): string {
  return `${ref.deckKey}/${ref.card.id}`;
}
