import type { CancellationToken } from './cancellation';
import { isKinesisEvidence, SIBLING_WORDS } from './contextRules';
import { FOREIGN, FrameTable, KINESIS_EVIDENCE } from './frames';
import { classifyModule, serviceOfModule, type ImportInfo } from './imports';
import { normalizeIdentifier, operationBase } from './naming';
import type { Steps } from './steps';
import { Tok, tokenize } from './tokens';
import type { LanguageKind, LiteralValue, Occurrence, Service, ValueSource } from './types';
import { VALUE_KEYS } from './values';

// Read once: under per-file transpilers an imported enum is a getter on every access.
const T_IDENT = Tok.Ident;
const T_NUMBER = Tok.Number;
const T_STRING = Tok.String;
const T_PUNCT = Tok.Punct;
const T_OP = Tok.Op;

/** Normalized names worth indexing: deck identifiers (and their operation bases) plus the built-in words. */
export interface Vocabulary {
  has(normalized: string): boolean;
  /** Length of the shortest normalized word, so shorter names can be skipped without a lookup. */
  readonly shortestWord?: number;
}

export interface ScanResult {
  occurrences: Occurrence[];
  frames: FrameTable;
  /** Ranges of the discontinued Kinesis Data Analytics SQL runtime (`'SQL-1_0'`, `SQL_1_0`, `RuntimeEnvironmentSql10`). */
  sqlRuntime: Array<{ start: number; end: number }>;
}

interface NameInfo {
  raw: string;
  norm: string;
  /** Service of the module this name was imported from, if any. */
  service: Service | undefined;
  /** Lookup key, or null when the vocabulary does not know the name. */
  key: string | null;
  reduced: boolean;
  evidence: boolean;
  competing: boolean;
  /** The discontinued SQL runtime's name (`SQL_1_0`, `RuntimeEnvironmentSql10`, `'SQL-1_0'`). */
  sql: boolean;
  /** As string contents: could name an identifier (`'TRIM_HORIZON'`), or mentions Kinesis (an ARN). */
  identifierLike: boolean;
  mentionsKinesis: boolean;
  /** Normalized name as an owner (Go constructors lose their `New` prefix). */
  owner: string;
}

const CALL_KEYWORDS = new Set([
  'if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'typeof', 'await', 'elif', 'with', 'assert', 'not', 'and',
  'or', 'in', 'lambda', 'yield', 'synchronized', 'try', 'else', 'do', 'new', 'throw', 'case', 'def', 'class', 'func',
]);

const SQL_RUNTIME = /^(?:sql-1_0|sql_1_0|runtimeenvironmentsql10)$/i;
const IDENTIFIER_LIKE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const DURATION_UNITS: Record<string, number> = { days: 86400, hours: 3600, minutes: 60, seconds: 1, millis: 0.001 };
const SIZE_UNITS: Record<string, number> = { mebibytes: 1, kibibytes: 1 / 1024, gibibytes: 1024, tebibytes: 1024 * 1024, bytes: 1 / (1024 * 1024) };
const NUMBER_WRAPPERS = new Set(['number', 'int32', 'int64', 'int', 'float64', 'valueof', 'long', 'integer']);

const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const SEMI = 59;
const COLON = 58;
const DOT = 46;
const EQUALS = 61;

/**
 * One pass over the token stream of a TypeScript/JavaScript, Python, Java or Go file. It keeps a stack
 * of brackets, each tagged with what opened it (the callee before `(`, the type before a Go `{`, the
 * key before `: {`, the annotated type of `const x: T = {`), so that an occurrence knows which call or
 * construct it belongs to. Values next to interesting keys are read in a second, local step.
 */
export function* scanCode(text: string, language: LanguageKind, imports: ImportInfo, vocabulary: Vocabulary, token: CancellationToken): Steps<ScanResult | undefined> {
  const toks = yield* tokenize(text, language);
  if (token.isCancellationRequested) return undefined;
  const { kind, start, end, punct } = toks;
  const count = toks.count;
  const frames = new FrameTable();
  // Token index + 1 of the matching bracket (closers: their opener; openers: their closer) and, for an
  // opener, its frame id + 1; 0 for none. Zero is what a new array holds: filling three arrays of a
  // 1 MB file's 300,000 tokens with -1 took 15-35 ms in one step on the benchmark machine.
  const openOf = new Int32Array(count);
  const closeOf = new Int32Array(count);
  const frameAt = new Int32Array(count);
  const occurrences: Occurrence[] = [];
  const valueToken: number[] = [];
  const sqlRuntime: ScanResult['sqlRuntime'] = [];
  const memo = new Map<string, NameInfo>();
  const java = language === 'java';
  const python = language === 'python';
  const go = language === 'go';

  const info = (raw: string): NameInfo => {
    let found = memo.get(raw);
    if (found) return found;
    // An import alias means what it was imported as.
    const norm = normalizeIdentifier(imports.aliases.get(raw) ?? raw);
    let key: string | null = null;
    let reduced = false;
    if (vocabulary.has(norm)) key = norm;
    else {
      const base = operationBase(norm);
      if (base !== norm && vocabulary.has(base)) {
        key = base;
        reduced = true;
      } else if (java && /^(?:with|set)[A-Z]/.test(raw)) {
        const bare = normalizeIdentifier(raw.slice(raw[0] === 'w' ? 4 : 3));
        if (vocabulary.has(bare)) {
          key = bare;
          reduced = true;
        }
      }
    }
    const module = imports.names.get(raw);
    const c0 = raw.charCodeAt(0) | 32;
    found = {
      raw,
      norm,
      owner: go && /^New[A-Z]/.test(raw) ? normalizeIdentifier(raw.slice(3)) : norm,
      sql: (c0 === 115 /* s */ || c0 === 114 /* r */) && SQL_RUNTIME.test(raw),
      identifierLike: IDENTIFIER_LIKE.test(raw),
      mentionsKinesis: raw.length > 6 && norm.includes('kinesis'),
      service: module === undefined ? undefined : serviceOfModule(module),
      key,
      reduced,
      evidence: isKinesisEvidence(norm),
      competing: module !== undefined && classifyModule(module) === 'competing',
    };
    memo.set(raw, found);
    return found;
  };

  const slice = (t: number) => text.slice(start[t], end[t]);

  const sameText = (raw: string, s: number): boolean => {
    for (let j = 0; j < raw.length; j++) if (raw.charCodeAt(j) !== text.charCodeAt(s + j)) return false;
    return true;
  };
  // Most identifiers repeat; hashing the characters in place finds their info without allocating a string.
  const byHash = new Map<number, NameInfo>();
  const nameOf = (t: number): NameInfo => {
    const s = start[t];
    const e = end[t];
    let h = e - s;
    for (let j = s; j < e; j++) h = (Math.imul(h, 31) + text.charCodeAt(j)) | 0;
    h &= 0x3fffffff;
    const hit = byHash.get(h);
    if (hit && hit.raw.length === e - s && sameText(hit.raw, s)) return hit;
    const found = info(text.slice(s, e));
    if (!hit) byHash.set(h, found);
    return found;
  };
  const isPunct = (t: number, c: number) => t >= 0 && t < count && kind[t] === T_PUNCT && punct[t] === c;
  const isSelf = (t: number) => t >= 0 && kind[t] === T_IDENT && end[t] - start[t] === 4 && (text.startsWith('this', start[t]) || text.startsWith('self', start[t]));

  /** Identifiers qualifying token `t` (`a.b().c` → [b, a] for `c`), walking back through call parentheses. */
  const chainOf = (t: number): number[] => {
    const out: number[] = [];
    let j = t - 1;
    while (j > 0 && isPunct(j, DOT) && out.length < 24) {
      let k = j - 1;
      if (isPunct(k, CLOSE_PAREN) || isPunct(k, CLOSE_BRACKET)) {
        const o = openOf[k] - 1;
        if (o < 1) break;
        k = o - 1;
      }
      if (k < 0 || kind[k] !== T_IDENT) break;
      out.push(k);
      j = k - 1;
    }
    return out;
  };

  // Competing services matter only if the file can name one; most files cannot, and skip the check.
  const competingPossible = [...imports.names.values()].some((m) => classifyModule(m) === 'competing') || /dynamo|sqs/i.test(text);
  const isForeignName = (t: number): boolean => {
    if (!competingPossible) return false;
    if (nameOf(t).competing) return true;
    // Walk the qualifiers (`sqs.Queue`, `dynamodb.exceptions.X`) without allocating.
    let j = t - 1;
    for (let steps = 0; j > 0 && isPunct(j, DOT) && steps < 24; steps++) {
      let q = j - 1;
      if (isPunct(q, CLOSE_PAREN) || isPunct(q, CLOSE_BRACKET)) {
        const o = openOf[q] - 1;
        if (o < 1) break;
        q = o - 1;
      }
      if (q < 0 || kind[q] !== T_IDENT) break;
      const n = nameOf(q);
      if (n.competing || n.norm.includes('dynamo') || n.norm === 'sqs') return true;
      j = q - 1;
    }
    return false;
  };

  const ownerName = (t: number): string => nameOf(t).owner;

  /** What opened the bracket at token `t`: a normalized owner name; `ownerFlags` says whether it belongs to a competing service. */
  let ownerFlags = 0;
  const ownerOf = (t: number, c: number): string | undefined => {
    ownerFlags = 0;
    const p = t - 1;
    if (p < 0) return undefined;
    const pk = kind[p];
    if (c === OPEN_PAREN) {
      if (pk === T_IDENT) {
        if (CALL_KEYWORDS.has(nameOf(p).raw)) return undefined;
        ownerFlags = isForeignName(p) ? FOREIGN : 0;
        return ownerName(p);
      }
      return undefined;
    }
    if (pk === T_IDENT && c === OPEN_BRACE) {
      if (CALL_KEYWORDS.has(nameOf(p).raw)) return undefined;
      ownerFlags = isForeignName(p) ? FOREIGN : 0;
      return ownerName(p);
    }
    if (pk === T_PUNCT && (punct[p] === COLON || punct[p] === EQUALS)) {
      const k = p - 1;
      if (k >= 0 && (kind[k] === T_IDENT || kind[k] === T_STRING)) {
        if (punct[p] === EQUALS && kind[k] === T_IDENT && language === 'js') {
          // `const props: kinesis.StreamProps = {` → the annotated type.
          let q = k;
          while (q >= 2 && isPunct(q - 1, DOT) && kind[q - 2] === T_IDENT) q -= 2;
          if (isPunct(q - 1, COLON)) return nameOf(k).norm;
        }
        return kind[k] === T_IDENT ? nameOf(k).norm : normalizeIdentifier(slice(k));
      }
    }
    return undefined;
  };

  // Hot loop state lives in typed arrays indexed by frame id + 1 (slot 0 is the top level), and no
  // closure captures it, so V8 keeps it in registers.
  const stackFrame = new Int32Array(count + 1);
  const stackOpen = new Int32Array(count + 1);
  let sp = 0;
  let cur = -1;
  // Open brackets on the stack by kind (`(`, `[`, `{`), so that a closer without any opener of its kind
  // costs nothing: otherwise each stray `)` under a deep stack of `{` searches the whole stack.
  let openParens = 0;
  let openBrackets = 0;
  let openBraces = 0;
  /** Per frame: token index + 1 of the key whose value is being read, 0 for none. */
  const keyOf = new Int32Array(count + 2);
  /** Per frame: the next token starts a new element (for counting array items). */
  const expecting = new Uint8Array(count + 2);
  const notLiteral = new Set<number>();
  /**
   * Names given a value once in this file (`SHARDS = 4`, `const retention = Duration.days(30)`,
   * `shards := 4`, `self.shard_count = 4`): name → token index of the value; AMBIGUOUS when the
   * name is assigned more than once or changed in place (`+=`, `++`), since which value reaches
   * the call is then a question for a type checker.
   */
  const assigned = new Map<string, number>();
  const AMBIGUOUS = -1;
  // Names shorter than this (`i`, `fn`, `s3`, `new`) cannot be deck words, sibling keys, Kinesis
  // evidence or the SQL runtime: only their position as a key matters.
  const shortName = Math.min(4, vocabulary.shortestWord ?? 4);
  let pendingCall: Occurrence | undefined;
  let pendingCallToken = -1;

  for (let i = 0; i < count; i++) {
    if ((i & 0xfff) === 0 && i > 0) {
      yield;
      if (token.isCancellationRequested) return undefined;
    }
    const k = kind[i];
    const p = punct[i];
    const slot = cur + 1;
    if (k === T_PUNCT) {
      if (p === OPEN_PAREN || p === OPEN_BRACKET || p === OPEN_BRACE) {
        if (cur >= 0 && expecting[slot]) {
          frames.items[cur]++;
          expecting[slot] = 0;
        }
        const owner = ownerOf(i, p);
        const id = frames.add(owner, cur, ownerFlags);
        keyOf[id + 1] = 0;
        expecting[id + 1] = 1;
        frameAt[i] = id + 1;
        if (pendingCall && pendingCallToken === i - 1) pendingCall.callFrame = id;
        stackFrame[sp] = id;
        stackOpen[sp] = i;
        sp++;
        if (p === OPEN_PAREN) openParens++;
        else if (p === OPEN_BRACKET) openBrackets++;
        else openBraces++;
        cur = id;
        continue;
      }
      if (p === CLOSE_PAREN || p === CLOSE_BRACKET || p === CLOSE_BRACE) {
        const want = p === CLOSE_PAREN ? OPEN_PAREN : p === CLOSE_BRACKET ? OPEN_BRACKET : OPEN_BRACE;
        if ((want === OPEN_PAREN ? openParens : want === OPEN_BRACKET ? openBrackets : openBraces) === 0) continue;
        // Tolerate unbalanced code: close back to the nearest matching opener (there is one).
        let depth = sp - 1;
        while (punct[stackOpen[depth]] !== want) depth--;
        while (sp > depth) {
          sp--;
          const opened = punct[stackOpen[sp]];
          if (opened === OPEN_PAREN) openParens--;
          else if (opened === OPEN_BRACKET) openBrackets--;
          else openBraces--;
          const id = stackFrame[sp];
          const parent = frames.parent[id];
          if (parent >= 0) frames.flags[parent] |= frames.flags[id] & KINESIS_EVIDENCE;
          if (sp === depth) {
            openOf[i] = stackOpen[sp] + 1;
            closeOf[stackOpen[sp]] = i + 1;
          }
        }
        cur = sp > 0 ? stackFrame[sp - 1] : -1;
        continue;
      }
      if (p === COMMA) {
        expecting[slot] = 1;
        keyOf[slot] = 0;
      } else {
        if (cur >= 0 && expecting[slot]) {
          frames.items[cur]++;
          expecting[slot] = 0;
        }
        if (p === SEMI) keyOf[slot] = 0;
      }
      continue;
    }
    if (cur >= 0 && expecting[slot]) {
      frames.items[cur]++;
      expecting[slot] = 0;
    }
    if (k === T_OP) {
      if (cur >= 0 && p === DOT && end[i] - start[i] === 3) notLiteral.add(cur);
      continue;
    }
    if (k === T_IDENT) {
      const frameChar = sp > 0 ? punct[stackOpen[sp - 1]] : 0;
      // Not keyword arguments or default parameters (`f(shard_count=4)`), nor `obj.x = …` on other objects.
      if (frameChar !== OPEN_PAREN && frameChar !== OPEN_BRACKET && i + 1 < count && (!isPunct(i - 1, DOT) || isSelf(i - 2))) {
        const next = i + 1;
        if (isPunct(next, EQUALS) || (kind[next] === T_OP && end[next] - start[next] === 2 && text.startsWith(':=', start[next]))) {
          // With a type between name and value: `SHARDS: number = 4`, `shards: int = 4`, Go's `var shards int32 = 4`.
          const typed = isPunct(i - 1, COLON) && kind[i - 2] === T_IDENT ? i - 2 : go && kind[i - 1] === T_IDENT && slice(i - 2) === 'var' ? i - 1 : i;
          const name = slice(typed);
          assigned.set(name, assigned.has(name) ? AMBIGUOUS : next + 1);
        } else if (kind[next] === T_OP && /^(?:[-+*/%&|^]|<<|>>|\*\*|\?\?)?=$|^\+\+$|^--$/.test(slice(next))) {
          assigned.set(slice(i), AMBIGUOUS);
        }
      }
      if (end[i] - start[i] < shortName) {
        // `[r for r in rows]` or `[...a, ...b]`: the element count is not visible in the source.
        if (python && cur >= 0 && end[i] - start[i] === 3 && text.startsWith('for', start[i])) notLiteral.add(cur);
        if (!java && !python && frameChar === OPEN_BRACE && isPunct(i + 1, COLON) && !isPunct(i - 1, DOT)) keyOf[slot] = i + 1;
        else if (python && frameChar === OPEN_PAREN && isPunct(i + 1, EQUALS)) keyOf[slot] = i + 1;
        continue;
      }
      const n = nameOf(i);
      if (n.evidence && cur >= 0) frames.flags[cur] |= KINESIS_EVIDENCE;
      if (n.sql) sqlRuntime.push({ start: start[i], end: end[i] });
      let role: Occurrence['role'] = 'name';
      let valueAt = -1;
      if (python) {
        if (frameChar === OPEN_PAREN && isPunct(i + 1, EQUALS)) {
          role = 'key';
          valueAt = i + 2;
        }
      } else if (java) {
        if (isPunct(i - 1, DOT) && isPunct(i + 1, OPEN_PAREN)) {
          role = 'key'; // builder setter: `.shardCount(4)`
          valueAt = i + 2;
        }
      } else if (frameChar === OPEN_BRACE && isPunct(i + 1, COLON) && !isPunct(i - 1, DOT)) {
        role = 'key';
        valueAt = i + 2;
      }
      if (role === 'key') {
        if (!java) keyOf[slot] = i + 1;
        if (SIBLING_WORDS.has(n.norm)) frames.addKey(cur, n.norm);
      }
      if (n.key === null || n.competing) continue;
      // A lower-case imported name used as a qualifier is a module or package alias (`awskinesisfirehose.NewS3Bucket`),
      // not the thing a card explains; the import statement itself still gets the hover.
      if (isPunct(i + 1, DOT) && /^[a-z_]/.test(n.raw) && imports.names.has(n.raw)) continue;
      const occ = makeOccurrence(i, n, role, valueAt, cur, role === 'key' ? -1 : keyOf[slot] - 1);
      if (occ && (isPunct(i + 1, OPEN_PAREN) || isPunct(i + 1, OPEN_BRACE))) {
        pendingCall = occ;
        pendingCallToken = i;
      }
      continue;
    }
    if (k === T_STRING) {
      const n = nameOf(i);
      if (n.mentionsKinesis && cur >= 0) frames.flags[cur] |= KINESIS_EVIDENCE;
      if (n.sql) sqlRuntime.push({ start: start[i], end: end[i] });
      const frameChar = sp > 0 ? punct[stackOpen[sp - 1]] : 0;
      const isKey = frameChar === OPEN_BRACE && isPunct(i + 1, COLON);
      if (!n.identifierLike) {
        if (isKey) keyOf[slot] = 0;
        continue;
      }
      if (isKey) {
        keyOf[slot] = i + 1;
        if (SIBLING_WORDS.has(n.norm)) frames.addKey(cur, n.norm);
      }
      if (n.key === null) continue;
      // `PartitionKey="partitionkey"`: a value that merely repeats its key's name explains nothing more.
      if (!isKey && keyOf[slot] > 0 && nameOf(keyOf[slot] - 1).norm === n.norm) continue;
      makeOccurrence(i, n, isKey ? 'key' : 'value', isKey ? i + 2 : -1, cur, isKey ? -1 : keyOf[slot] - 1);
    }
  }

  function makeOccurrence(i: number, n: NameInfo, role: Occurrence['role'], valueAt: number, frame: number, keyTok: number): Occurrence | undefined {
    const chainTokens = kind[i] === T_IDENT ? chainOf(i) : [];
    const chain: string[] = [];
    let service: Service | undefined = n.service;
    for (const c of chainTokens) {
      const cn = nameOf(c);
      if (cn.competing || cn.norm.includes('dynamo') || cn.norm === 'sqs') return undefined;
      chain.push(cn.norm);
    }
    if (!service && chainTokens.length) service = nameOf(chainTokens[chainTokens.length - 1]).service;
    if (!service) {
      for (const c of chain) {
        if (c.includes('firehose')) {
          service = 'firehose';
          break;
        }
        if (c.includes('kinesis') && !c.includes('analytics')) {
          service = 'kinesis';
          break;
        }
      }
    }
    const occ: Occurrence = {
      start: start[i],
      end: end[i],
      raw: n.raw,
      key: n.key!,
      reduced: n.reduced,
      role,
      frame,
      chain,
      valueKey: keyTok >= 0 && keyTok < i ? nameOf(keyTok).norm : undefined,
      value: undefined,
      valueStart: undefined,
      valueEnd: undefined,
      callFrame: undefined,
      service,
    };
    occurrences.push(occ);
    valueToken.push(valueAt >= 0 && VALUE_KEYS.has(n.key!) ? valueAt : -1);
    return occ;
  }

  for (let o = 0; o < occurrences.length; o++) {
    const t = valueToken[o];
    if (t < 0) continue;
    const parsed = parseValue(t);
    if (!parsed) continue;
    const occ = occurrences[o];
    occ.value = parsed.value;
    if (parsed.from) occ.valueFrom = parsed.from;
    occ.valueStart = start[t];
    occ.valueEnd = end[parsed.last];
  }

  /**
   * Reads a literal at token `t`: a number (maybe wrapped: `jsii.Number(4)`, `aws.Int32(4)`), a CDK
   * Duration/Size, a string, an array, or a name (`SHARDS`, `self.shards`) assigned such a value
   * once in this file, which is then named in `from`.
   */
  function parseValue(t: number, hops = 0): { value: LiteralValue; last: number; from?: ValueSource } | undefined {
    if (t >= count) return undefined;
    if (kind[t] === T_IDENT && !isPunct(t + 1, OPEN_PAREN) && hops < 4) {
      // `self.shards` / `this.shards` reads the name after the dot.
      const nameTok = isSelf(t) && isPunct(t + 1, DOT) && kind[t + 2] === T_IDENT ? t + 2 : t;
      if (!isPunct(nameTok + 1, DOT) && !isPunct(nameTok + 1, OPEN_PAREN)) {
        const at = assigned.get(slice(nameTok));
        if (at === undefined || at === AMBIGUOUS) return undefined;
        const inner = parseValue(at, hops + 1);
        if (!inner) return undefined;
        const written = inner.from?.text ?? text.slice(start[at], end[inner.last]).replace(/\s+/g, ' ');
        return { value: inner.value, last: nameTok, from: { name: slice(nameTok), text: written.length > 60 ? `${written.slice(0, 59)}…` : written } };
      }
    }
    const k = kind[t];
    if (k === T_NUMBER) {
      const v = numberAt(t);
      return v === undefined ? undefined : { value: { kind: 'number', value: v }, last: t };
    }
    if (k === T_OP && slice(t) === '-' && kind[t + 1] === T_NUMBER) {
      const v = numberAt(t + 1);
      return v === undefined ? undefined : { value: { kind: 'number', value: -v }, last: t + 1 };
    }
    if (k === T_STRING) return { value: { kind: 'string', value: slice(t) }, last: t };
    if (isPunct(t, OPEN_BRACKET)) {
      // Go: `[]types.PutRecordsRequestEntry{…}` — the items are in the brace that follows the type.
      if (go && isPunct(t + 1, CLOSE_BRACKET)) {
        let q = t + 2;
        while (q < count && (kind[q] === T_IDENT || isPunct(q, DOT) || (kind[q] === T_OP && slice(q) === '*'))) q++;
        if (isPunct(q, OPEN_BRACE) && closeOf[q] > 1) return { value: { kind: 'array', count: frames.items[frameAt[q] - 1] }, last: closeOf[q] - 1 };
        return undefined;
      }
      if (closeOf[t] === 0 || notLiteral.has(frameAt[t] - 1)) return undefined;
      return { value: { kind: 'array', count: frames.items[frameAt[t] - 1] }, last: closeOf[t] - 1 };
    }
    if (k !== T_IDENT) return undefined;
    // Qualified call: [ns.]Duration.days(30), Size.mebibytes(64), awscdk.Duration_Days(jsii.Number(30)), jsii.Number(4)
    let q = t;
    const names: string[] = [slice(q)];
    while (isPunct(q + 1, DOT) && kind[q + 2] === T_IDENT && names.length < 6) {
      q += 2;
      names.push(slice(q));
    }
    if (!isPunct(q + 1, OPEN_PAREN)) return undefined;
    const close = closeOf[q + 1] - 1;
    if (close < 0) return undefined;
    const last = names[names.length - 1];
    const owner = names.length > 1 ? names[names.length - 2] : '';
    const inner = parseValue(q + 2, hops);
    const arg = inner && inner.value.kind === 'number' && inner.last === close - 1 ? inner.value.value : undefined;
    if (arg === undefined) return undefined;
    const goStyle = /^(Duration|Size)_(\w+)$/.exec(last);
    const family = goStyle ? goStyle[1] : owner;
    const unit = (goStyle ? goStyle[2] : last).toLowerCase();
    if (family === 'Duration' && unit in DURATION_UNITS) return { value: { kind: 'duration', seconds: arg * DURATION_UNITS[unit] }, last: close };
    if (family === 'Size' && unit in SIZE_UNITS) return { value: { kind: 'size', mebibytes: arg * SIZE_UNITS[unit] }, last: close };
    if (NUMBER_WRAPPERS.has(last.toLowerCase())) return { value: { kind: 'number', value: arg }, last: close };
    return undefined;
  }

  function numberAt(t: number): number | undefined {
    const v = Number(slice(t).replace(/_/g, '').replace(/[lLfFdDn]$/, ''));
    return Number.isFinite(v) ? v : undefined;
  }

  return { occurrences, frames, sqlRuntime };
}

