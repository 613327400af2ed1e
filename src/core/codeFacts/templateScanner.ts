import type { CancellationToken } from './cancellation';
import type { Vocabulary } from './codeScanner';
import { SIBLING_WORDS } from './contextRules';
import { FrameTable } from './frames';
import { normalizeIdentifier, operationBase } from './naming';
import type { Steps } from './steps';
import type { Occurrence, Service } from './types';
import { VALUE_KEYS } from './values';

/**
 * CloudFormation and SAM templates, YAML or JSON. Both are read into the same small tree of keyed
 * nodes with offsets; then only resources that are about Kinesis are indexed: Kinesis and Firehose
 * resources, Kinesis Analytics applications, event source mappings whose source is a Kinesis stream,
 * and Kinesis events of SAM functions. An SQS mapping's `BatchSize` in the same template gets nothing.
 */
interface TNode {
  key?: string;
  keyStart: number;
  keyEnd: number;
  parent: number;
  children: number[];
  scalar?: string;
  scalarStart: number;
  scalarEnd: number;
  /** The scalar was quoted, so `'300'` is a string to CloudFormation but still a number to us. */
  quoted: boolean;
  /** Indentation column (YAML) used to find the parent. */
  indent: number;
  seqItem: boolean;
}

/**
 * Deeper nesting than this is not CloudFormation: the readers and the analysis step over it rather
 * than recurse into it (`- - - …` or `[[[…` a hundred thousand deep would overflow the stack).
 */
const MAX_NESTING = 64;

class Tree {
  readonly nodes: TNode[] = [];

  add(parent: number, indent: number, seqItem: boolean): number {
    const id = this.nodes.length;
    this.nodes.push({ keyStart: -1, keyEnd: -1, parent, children: [], scalarStart: -1, scalarEnd: -1, quoted: false, indent, seqItem });
    if (parent >= 0) this.nodes[parent].children.push(id);
    return id;
  }

  child(id: number, key: string): TNode | undefined {
    const list = id < 0 ? this.roots() : this.nodes[id].children;
    for (const c of list) if (this.nodes[c].key === key) return this.nodes[c];
    return undefined;
  }

  childId(id: number, key: string): number {
    const list = id < 0 ? this.roots() : this.nodes[id].children;
    for (const c of list) if (this.nodes[c].key === key) return c;
    return -1;
  }

  roots(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.nodes.length; i++) if (this.nodes[i].parent === -1) out.push(i);
    return out;
  }

  /** All scalar text below a node, for reference checks (`!GetAtt Stream.Arn`, `Fn::GetAtt: [Stream, Arn]`). */
  text(id: number, depth = 0): string {
    const n = this.nodes[id];
    let s = n.scalar ?? '';
    // References are a few levels deep; a hostile nesting must not overflow the stack.
    if (depth < MAX_NESTING) for (const c of n.children) s += ` ${this.nodes[c].key ?? ''} ${this.text(c, depth + 1)}`;
    return s;
  }
}

export interface TemplateScan {
  occurrences: Occurrence[];
  frames: FrameTable;
  related: boolean;
  sqlRuntime: Array<{ start: number; end: number }>;
  sqlApplications: Array<{ start: number; end: number }>;
}

/**
 * Whether a YAML/JSON document is a CloudFormation or SAM template that mentions a Kinesis-family
 * resource (or a Lambda mapping/function that may read one). Decided on the raw text, before parsing.
 */
export function isTemplateCandidate(text: string): boolean {
  return /AWS::Kinesis|AWS::Lambda::EventSourceMapping|AWS::Serverless::Function/.test(text) && /\bResources\b/.test(text);
}

export function* scanTemplate(text: string, format: 'yaml' | 'json', vocabulary: Vocabulary, token: CancellationToken): Steps<TemplateScan | undefined> {
  if (!isTemplateCandidate(text)) return { occurrences: [], frames: new FrameTable(), related: false, sqlRuntime: [], sqlApplications: [] };
  const tree = format === 'yaml' ? yield* parseYaml(text, token) : yield* parseJson(text, token);
  if (!tree || token.isCancellationRequested) return undefined;
  return yield* analyse(tree, vocabulary);
}

function* analyse(tree: Tree, vocabulary: Vocabulary): Steps<TemplateScan> {
  const result: TemplateScan = { occurrences: [], frames: new FrameTable(), related: false, sqlRuntime: [], sqlApplications: [] };
  const nodes = tree.nodes;
  for (let i = 0; i < nodes.length; i++) {
    if ((i & 0x3fff) === 0x3fff) yield;
    const n = nodes[i];
    if (n.scalar && /^sql-1_0$/i.test(n.scalar)) result.sqlRuntime.push({ start: n.scalarStart, end: n.scalarEnd });
  }
  const resources = tree.childId(-1, 'Resources');
  if (resources < 0) return result;
  const types = new Map<string, string>();
  for (const r of nodes[resources].children) {
    const key = nodes[r].key;
    const type = tree.child(r, 'Type')?.scalar;
    if (key && type) types.set(key, type);
  }
  const isKinesisType = (type: string | undefined) => !!type && /^AWS::Kinesis(?:Firehose|Analytics|AnalyticsV2)?::/.test(type);
  const refersToKinesis = (id: number) => {
    const refs = tree.text(id);
    if (/kinesis/i.test(refs)) return true;
    for (const word of refs.split(/[^A-Za-z0-9]+/)) if (isKinesisType(types.get(word))) return true;
    return false;
  };

  let visited = 0;
  for (const r of nodes[resources].children) {
    // A resource is visited in one step: templates are many small resources, not a few huge ones.
    if ((++visited & 0xf) === 0) yield;
    const typeNode = tree.child(r, 'Type');
    const type = typeNode?.scalar;
    if (!type) continue;
    if (/^AWS::KinesisAnalytics::(?:Application|ApplicationOutput|ApplicationReferenceDataSource)$/.test(type) && typeNode) {
      result.sqlApplications.push({ start: typeNode.scalarStart, end: typeNode.scalarEnd });
    }
    const resourceOwner = normalizeIdentifier(type.replace(/::/g, ''));
    const frame = result.frames.add(resourceOwner, -1);
    if (isKinesisType(type)) {
      result.related = true;
      indexSubtree(r, frame, /Firehose/.test(type) ? 'firehose' : /Analytics/.test(type) ? undefined : 'kinesis');
    } else if (type === 'AWS::Lambda::EventSourceMapping') {
      const arn = tree.childId(tree.childId(r, 'Properties'), 'EventSourceArn');
      if (arn >= 0 && refersToKinesis(arn)) {
        result.related = true;
        indexSubtree(r, frame, 'kinesis');
      }
    } else if (type === 'AWS::Serverless::Function') {
      const events = tree.childId(tree.childId(r, 'Properties'), 'Events');
      if (events < 0) continue;
      for (const e of nodes[events].children) {
        if (tree.child(e, 'Type')?.scalar !== 'Kinesis') continue;
        result.related = true;
        indexSubtree(e, result.frames.add(normalizeIdentifier(nodes[e].key ?? ''), frame), 'kinesis');
      }
    }
  }
  result.occurrences.sort((a, b) => a.start - b.start);
  return result;

  function lookupKey(raw: string): { key: string; reduced: boolean } | undefined {
    const norm = normalizeIdentifier(raw);
    if (vocabulary.has(norm)) return { key: norm, reduced: false };
    const base = operationBase(norm);
    if (base !== norm && vocabulary.has(base)) return { key: base, reduced: true };
    return undefined;
  }

  function indexSubtree(id: number, frame: number, service: Service | undefined): void {
    for (const c of nodes[id].children) visit(c, frame, service, undefined, 0);
  }

  function visit(id: number, frame: number, service: Service | undefined, seqKey: string | undefined, depth: number): void {
    const n = nodes[id];
    const keyNorm = n.key !== undefined ? normalizeIdentifier(n.key) : seqKey;
    if (n.key !== undefined) {
      if (SIBLING_WORDS.has(keyNorm!)) result.frames.addKey(frame, keyNorm!);
      const found = /^[A-Za-z_][\w]*$/.test(n.key) ? lookupKey(n.key) : undefined;
      if (found) {
        const occ: Occurrence = { start: n.keyStart, end: n.keyEnd, raw: n.key, key: found.key, reduced: found.reduced, role: 'key', frame, chain: [], service };
        if (VALUE_KEYS.has(found.key)) {
          if (n.scalar !== undefined && n.scalarStart >= 0) {
            const num = /^-?\d+(?:\.\d+)?$/.test(n.scalar) ? Number(n.scalar) : undefined;
            occ.value = num !== undefined ? { kind: 'number', value: num } : { kind: 'string', value: n.scalar };
            occ.valueStart = n.scalarStart;
            occ.valueEnd = n.scalarEnd;
          }
        }
        result.occurrences.push(occ);
      }
    }
    if (n.scalar !== undefined && n.scalarStart >= 0 && /^[A-Za-z_][\w]{0,63}$/.test(n.scalar)) {
      const found = lookupKey(n.scalar);
      if (found) {
        result.occurrences.push({ start: n.scalarStart, end: n.scalarEnd, raw: n.scalar, key: found.key, reduced: found.reduced, role: 'value', frame, chain: [], valueKey: keyNorm, service });
      }
    }
    if (n.children.length && depth < MAX_NESTING) {
      const inner = n.key !== undefined ? result.frames.add(keyNorm, frame) : frame;
      for (const c of n.children) visit(c, inner, service, n.key !== undefined ? keyNorm : seqKey, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// YAML: line-based, enough for CloudFormation (block mappings and sequences, flow collections on
// one line, block scalars skipped, comments and tags understood).

function* parseYaml(text: string, token: CancellationToken): Steps<Tree | undefined> {
  const tree = new Tree();
  const stack: number[] = [];
  let blockIndent = -1;
  let flowDepth = 0;
  let pos = 0;
  let lineNo = 0;
  const len = text.length;
  while (pos <= len) {
    if ((++lineNo & 0xff) === 0) {
      yield;
      if (token.isCancellationRequested) return undefined;
    }
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = len;
    const lineStart = pos;
    let lineEnd = eol;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    pos = eol + 1;
    let p = lineStart;
    while (p < lineEnd && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const indent = p - lineStart;
    if (p >= lineEnd || text.charCodeAt(p) === 35 /* # */) continue;
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (flowDepth > 0) {
      // Continuation of a multi-line flow collection: only track where it ends.
      flowDepth += bracketBalance(text, p, lineEnd);
      continue;
    }
    if (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) {
      stack.length = 0;
      continue;
    }
    let parent = -1;
    const popTo = (column: number, allowSameIndentParent: boolean) => {
      while (stack.length) {
        const top = tree.nodes[stack[stack.length - 1]];
        if (top.indent < column) break;
        // `Key:` followed by `- item` at the same column is a valid (compact) YAML sequence under Key.
        const compactParent = top.key !== undefined && top.scalar === undefined && (top.children.length === 0 || tree.nodes[top.children[0]].seqItem);
        if (top.indent === column && allowSameIndentParent && compactParent) break;
        stack.pop();
      }
      parent = stack.length ? stack[stack.length - 1] : -1;
    };
    // Sequence markers, possibly several on one line (`- - a`).
    while (p < lineEnd && text.charCodeAt(p) === 45 /* - */ && (p + 1 === lineEnd || text.charCodeAt(p + 1) === 32)) {
      const column = p - lineStart;
      popTo(column, true);
      const item = tree.add(parent, column, true);
      stack.push(item);
      parent = item;
      p++;
      while (p < lineEnd && text.charCodeAt(p) === 32) p++;
    }
    if (p >= lineEnd || text.charCodeAt(p) === 35) continue;
    const column = p - lineStart;
    const key = readYamlKey(text, p, lineEnd);
    if (!key) {
      // A plain or flow value on its own line: a sequence item's scalar, or a continuation we ignore.
      const topId = stack.length ? stack[stack.length - 1] : -1;
      const top = topId >= 0 ? tree.nodes[topId] : undefined;
      if (top && top.seqItem && top.scalar === undefined && top.children.length === 0) {
        const c = text.charCodeAt(p);
        if (c === 123 || c === 91) flowDepth = parseFlow(text, p, lineEnd, tree, topId);
        else setScalar(top, text, p, lineEnd);
      }
      continue;
    }
    popTo(column, false);
    const node = tree.add(parent, column, false);
    const n = tree.nodes[node];
    n.key = key.key;
    n.keyStart = key.keyStart;
    n.keyEnd = key.keyEnd;
    stack.push(node);
    let v = key.after;
    while (v < lineEnd && text.charCodeAt(v) === 32) v++;
    if (v >= lineEnd || text.charCodeAt(v) === 35) continue;
    const c = text.charCodeAt(v);
    if (c === 124 /* | */ || c === 62 /* > */) {
      blockIndent = column;
      n.scalar = '';
      continue;
    }
    if (c === 123 || c === 91) {
      flowDepth = parseFlow(text, v, lineEnd, tree, node);
      continue;
    }
    setScalar(n, text, v, lineEnd);
  }
  return tree;
}

function bracketBalance(text: string, from: number, to: number): number {
  let d = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) d++;
    else if (c === 125 || c === 93) d--;
  }
  return d;
}

function readYamlKey(text: string, p: number, end: number): { key: string; keyStart: number; keyEnd: number; after: number } | undefined {
  const c = text.charCodeAt(p);
  if (c === 34 || c === 39) {
    const close = text.indexOf(String.fromCharCode(c), p + 1);
    if (close < 0 || close >= end) return undefined;
    let q = close + 1;
    while (q < end && text.charCodeAt(q) === 32) q++;
    if (text.charCodeAt(q) !== 58) return undefined;
    return { key: text.slice(p + 1, close), keyStart: p + 1, keyEnd: close, after: q + 1 };
  }
  if (c === 123 || c === 91 || c === 33 /* ! */ || c === 38 /* & */ || c === 42 /* * */) return undefined;
  for (let q = p; q < end; q++) {
    const d = text.charCodeAt(q);
    if (d === 58 && (q + 1 === end || text.charCodeAt(q + 1) === 32 || text.charCodeAt(q + 1) === 9)) {
      let e = q;
      while (e > p && text.charCodeAt(e - 1) === 32) e--;
      return { key: text.slice(p, e), keyStart: p, keyEnd: e, after: q + 1 };
    }
    if (d === 35 && q > p && text.charCodeAt(q - 1) === 32) return undefined;
  }
  return undefined;
}

function setScalar(n: TNode, text: string, from: number, end: number): void {
  const c = text.charCodeAt(from);
  if (c === 34 || c === 39) {
    const close = text.indexOf(String.fromCharCode(c), from + 1);
    const e = close < 0 || close > end ? end : close;
    n.scalar = text.slice(from + 1, e);
    n.scalarStart = from + 1;
    n.scalarEnd = e;
    n.quoted = true;
    return;
  }
  let e = end;
  for (let q = from; q < end; q++) {
    if (text.charCodeAt(q) === 35 && q > from && (text.charCodeAt(q - 1) === 32 || text.charCodeAt(q - 1) === 9)) {
      e = q;
      break;
    }
  }
  while (e > from && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  n.scalar = text.slice(from, e);
  n.scalarStart = from;
  n.scalarEnd = e;
}

/** Parses a one-line flow collection into child nodes; returns how many brackets stay open at the end of the line. */
function parseFlow(text: string, from: number, end: number, tree: Tree, parent: number): number {
  let i = from;
  const skipSpace = () => {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  };
  const readScalar = (node: TNode, stops: string) => {
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const close = text.indexOf(String.fromCharCode(c), i + 1);
      const e = close < 0 || close > end ? end : close;
      node.scalar = text.slice(i + 1, e);
      node.scalarStart = i + 1;
      node.scalarEnd = e;
      node.quoted = true;
      i = Math.min(end, e + 1);
      return;
    }
    const s = i;
    while (i < end && !stops.includes(text[i])) i++;
    let e = i;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    node.scalar = text.slice(s, e);
    node.scalarStart = s;
    node.scalarEnd = e;
  };
  /** Steps over a collection nested too deeply, counting brackets only; returns how many stay open. */
  const skipCollection = (): number => {
    let depth = 0;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && --depth === 0) {
        i++;
        return 0;
      }
    }
    return depth;
  };
  const parseCollection = (owner: number, depth: number): number => {
    if (depth >= MAX_NESTING) return skipCollection();
    const open = text[i];
    const close = open === '{' ? '}' : ']';
    i++;
    for (;;) {
      skipSpace();
      if (i >= end) return 1;
      if (text[i] === close) {
        i++;
        return 0;
      }
      if (text[i] === ',') {
        i++;
        continue;
      }
      const child = tree.add(owner, -1, open === '[');
      const node = tree.nodes[child];
      if (text[i] === '{' || text[i] === '[') {
        const open2 = parseCollection(child, depth + 1);
        if (open2) return open2 + 1;
        continue;
      }
      if (open === '{') {
        const keyStart = i;
        const c = text.charCodeAt(i);
        let keyEnd: number;
        if (c === 34 || c === 39) {
          const q = text.indexOf(String.fromCharCode(c), i + 1);
          keyEnd = q < 0 || q > end ? end : q;
          node.key = text.slice(i + 1, keyEnd);
          node.keyStart = i + 1;
          node.keyEnd = keyEnd;
          i = Math.min(end, keyEnd + 1);
        } else {
          while (i < end && text[i] !== ':' && text[i] !== ',' && text[i] !== '}') i++;
          keyEnd = i;
          while (keyEnd > keyStart && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
          node.key = text.slice(keyStart, keyEnd);
          node.keyStart = keyStart;
          node.keyEnd = keyEnd;
        }
        skipSpace();
        if (text[i] !== ':') continue;
        i++;
        skipSpace();
        if (text[i] === '{' || text[i] === '[') {
          const open2 = parseCollection(child, depth + 1);
          if (open2) return open2 + 1;
          continue;
        }
        readScalar(node, ',}');
      } else {
        readScalar(node, ',]');
      }
    }
  };
  return parseCollection(parent, 0);
}

// ---------------------------------------------------------------------------------------------
// JSON (and JSONC): a tolerant reader that keeps offsets. It keeps its own stack of open containers
// rather than recursing, so that it can pause anywhere (and nesting depth cannot overflow the stack).

const MAX_JSON_DEPTH = 256;

function* parseJson(text: string, token: CancellationToken): Steps<Tree | undefined> {
  const tree = new Tree();
  const len = text.length;
  let i = 0;
  const skip = () => {
    for (;;) {
      while (i < len) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13) i++;
        else break;
      }
      if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? len : nl;
        continue;
      }
      if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? len : close + 2;
        continue;
      }
      return;
    }
  };
  /** Reads the string whose quote is at `i` into `node` (as its key or its scalar); leaves `i` after it. */
  const readString = (node: TNode, asKey: boolean): void => {
    const s = i + 1;
    let j = s;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34 || c === 10) break;
      else j++;
    }
    i = Math.min(len, j + 1);
    if (asKey) {
      node.key = text.slice(s, j);
      node.keyStart = s;
      node.keyEnd = j;
    } else {
      node.scalar = text.slice(s, j);
      node.scalarStart = s;
      node.scalarEnd = j;
      node.quoted = true;
    }
  };
  // Open containers: their node and the character that closes them.
  const open: number[] = [];
  const closer: number[] = [];
  /** Reads the value at `i` into `node`: a scalar now, or a container whose members the loop below reads. */
  const startValue = (node: number): void => {
    skip();
    if (i >= len || open.length > MAX_JSON_DEPTH) return;
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      i++;
      open.push(node);
      closer.push(c === 123 ? 125 : 93);
      return;
    }
    const n = tree.nodes[node];
    if (c === 34) {
      readString(n, false);
      return;
    }
    const s = i;
    while (i < len && !isJsonScalarEnd(text.charCodeAt(i))) i++;
    n.scalar = text.slice(s, i);
    n.scalarStart = s;
    n.scalarEnd = i;
  };
  const root = tree.add(-1, -1, false);
  startValue(root);
  let steps = 0;
  while (open.length) {
    if ((++steps & 0xfff) === 0) {
      yield;
      if (token.isCancellationRequested) return undefined;
    }
    skip();
    if (i >= len) break;
    const top = open.length - 1;
    const d = text.charCodeAt(i);
    if (d === closer[top]) {
      i++;
      open.pop();
      closer.pop();
      continue;
    }
    if (d === 44) {
      i++;
      continue;
    }
    if (closer[top] === 125) {
      // Anything but a key where a member should start is skipped a character at a time.
      if (d !== 34) {
        i++;
        continue;
      }
      const child = tree.add(open[top], -1, false);
      readString(tree.nodes[child], true);
      skip();
      if (text.charCodeAt(i) === 58) {
        i++;
        startValue(child);
      }
      continue;
    }
    // Too deep: step over the character, as startValue would read nothing there.
    if (open.length > MAX_JSON_DEPTH) {
      i++;
      continue;
    }
    const before = i;
    startValue(tree.add(open[top], -1, true));
    if (i === before) i++;
  }
  // The document's top-level object's members become roots, like YAML's.
  for (const c of tree.nodes[root].children) tree.nodes[c].parent = -1;
  tree.nodes[root].children = [];
  tree.nodes[root].parent = -2;
  return tree;
}

/** Where an unquoted JSON scalar (number, true, null, or garbage) ends: whitespace (as `\s`), `,`, `}` or `]`. */
function isJsonScalarEnd(c: number): boolean {
  if (c === 44 || c === 125 || c === 93 || c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
