import type { Steps } from './steps';
import type { LanguageKind } from './types';

export const enum Tok {
  Ident = 1,
  Number = 2,
  /** A string literal; start/end cover its contents, without quotes. */
  String = 3,
  /** A string we do not look into (template literal, text block, docstring). */
  Opaque = 4,
  /** One of ( ) [ ] { } , ; : . = — the characters the scanner's structure depends on. */
  Punct = 5,
  /** Any other operator; its first character is kept in `punct`. */
  Op = 6,
}

/** Struct-of-arrays token stream: a 10,000-line file is ~100k tokens, and objects would dominate the cost. */
export interface Tokens {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  punct: Uint16Array;
}

const JS_REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A fast scanner for the C-like languages and Python. It knows comments and every string form of
 * the five languages, so words inside them never become identifiers; everything else is kept flat.
 * It never throws: unterminated constructs end at the end of the line or the file. It pauses every
 * 4k tokens or blanks, so that a huge file can be scanned in slices (steps.ts).
 */
export function* tokenize(text: string, language: LanguageKind): Steps<Tokens> {
  let cap = Math.max(64, text.length >> 2);
  let kind = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let punct = new Uint16Array(cap);
  let n = 0;
  const push = (k: Tok, s: number, e: number, p = 0) => {
    if (n === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap);
      k2.set(kind);
      kind = k2;
      const s2 = new Int32Array(cap);
      s2.set(start);
      start = s2;
      const e2 = new Int32Array(cap);
      e2.set(end);
      end = e2;
      const p2 = new Uint16Array(cap);
      p2.set(punct);
      punct = p2;
    }
    kind[n] = k;
    start[n] = s;
    end[n] = e;
    punct[n] = p;
    n++;
  };

  const python = language === 'python';
  const js = language === 'js';
  const len = text.length;
  let i = 0;
  let iterations = 0;

  const regexAllowed = (): boolean => {
    if (n === 0) return true;
    const k = kind[n - 1];
    if (k === Tok.Punct) {
      const p = punct[n - 1];
      return p !== 41 /* ) */ && p !== 93 /* ] */ && p !== 125 /* } */;
    }
    if (k === Tok.Op) return true;
    if (k === Tok.Ident) return JS_REGEX_KEYWORDS.has(text.slice(start[n - 1], end[n - 1]));
    return false;
  };

  /** Index just past a quoted string starting at the quote `q` at `i`; single-line unless `multiline`. */
  const skipQuoted = (from: number, q: number, multiline: boolean): number => {
    let j = from + 1;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) {
        j += 2;
        continue;
      }
      if (c === q) return j + 1;
      if (c === 10 && !multiline) return j;
      j++;
    }
    return len;
  };

  const skipTriple = (from: number, q: number): number => {
    let j = from + 3;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (c === 92) {
        j += 2;
        continue;
      }
      if (c === q && text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q) return j + 3;
      j++;
    }
    return len;
  };

  /**
   * JS template literal, including `${…}` holes that may hold further strings and templates. Nesting
   * is kept on a stack, not in recursion: `\`${\`${…` a hundred thousand deep must not overflow.
   */
  const skipTemplate = (from: number): number => {
    // Innermost last: TEXT for a template's text, else the brace depth of an open `${…}` hole.
    const TEXT = -1;
    const nesting = [TEXT];
    let j = from + 1;
    while (j < len) {
      const c = text.charCodeAt(j);
      const top = nesting.length - 1;
      if (nesting[top] === TEXT) {
        if (c === 92) {
          j += 2;
          continue;
        }
        if (c === 96) {
          nesting.pop();
          j++;
          if (nesting.length === 0) return j;
          continue;
        }
        if (c === 36 && text.charCodeAt(j + 1) === 123) {
          nesting.push(1);
          j += 2;
          continue;
        }
        j++;
        continue;
      }
      if (c === 123) nesting[top]++;
      else if (c === 125) {
        if (--nesting[top] === 0) nesting.pop();
      } else if (c === 96) nesting.push(TEXT);
      else if (c === 39 || c === 34) {
        j = skipQuoted(j, c, false);
        continue;
      }
      j++;
    }
    return len;
  };

  const skipRegex = (from: number): number => {
    let j = from + 1;
    let inClass = false;
    while (j < len) {
      const c = text.charCodeAt(j);
      if (c === 92) {
        j += 2;
        continue;
      }
      if (c === 10) return j;
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        j++;
        while (j < len && isIdentPart(text.charCodeAt(j))) j++;
        return j;
      }
      j++;
    }
    return len;
  };

  while (i < len) {
    if ((++iterations & 0xfff) === 0) yield;
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < len && isIdentPart(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      // Python string prefixes (r'', b"", f'''…''', rb"…").
      if (python && j - i <= 2 && (q === 39 || q === 34) && /^[rRbBuUfF]{1,2}$/.test(text.slice(i, j))) {
        i = j;
        const triple = text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q;
        const e = triple ? skipTriple(j, q) : skipQuoted(j, q, false);
        push(triple ? Tok.Opaque : Tok.String, triple ? j : j + 1, triple ? e : Math.max(j + 1, e - 1));
        i = e;
        continue;
      }
      push(Tok.Ident, i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (isIdentPart(d) || d === 46) {
          // 1e-5 / 1E+5
          if ((d === 101 || d === 69) && (text.charCodeAt(j + 1) === 45 || text.charCodeAt(j + 1) === 43) && !/^0[xX]/.test(text.slice(i, j))) j++;
          j++;
        } else break;
      }
      push(Tok.Number, i, j);
      i = j;
      continue;
    }
    // Comments.
    if (python ? c === 35 /* # */ : c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? len : nl;
      continue;
    }
    if (!python && c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? len : close + 2;
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */) {
      if ((python || language === 'java') && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
        const e = skipTriple(i, c);
        push(Tok.Opaque, i, e);
        i = e;
        continue;
      }
      const e = skipQuoted(i, c, false);
      const closed = e > i + 1 && text.charCodeAt(e - 1) === c;
      push(Tok.String, i + 1, closed ? e - 1 : e);
      i = e;
      continue;
    }
    if (c === 96 /* ` */) {
      if (js) {
        const e = skipTemplate(i);
        push(Tok.Opaque, i, e);
        i = e;
        continue;
      }
      if (language === 'go') {
        const close = text.indexOf('`', i + 1);
        const e = close < 0 ? len : close + 1;
        push(Tok.String, i + 1, close < 0 ? len : close);
        i = e;
        continue;
      }
    }
    if (js && c === 47 && regexAllowed()) {
      const e = skipRegex(i);
      push(Tok.Opaque, i, e);
      i = e;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    switch (c) {
      case 40: case 41: case 91: case 93: case 123: case 125: case 44: case 59:
        push(Tok.Punct, i, i + 1, c);
        i++;
        continue;
      case 46: // .  (`...` is an operator)
        if (next === 46) {
          let j = i;
          while (text.charCodeAt(j) === 46) j++;
          push(Tok.Op, i, j, c);
          i = j;
          continue;
        }
        push(Tok.Punct, i, i + 1, c);
        i++;
        continue;
      case 63: // ?. is member access
        if (next === 46 && !isDigit(text.charCodeAt(i + 2))) {
          push(Tok.Punct, i, i + 2, 46);
          i += 2;
          continue;
        }
        break;
      case 58: // : but not :: or :=
        if (next !== 58 && next !== 61) {
          push(Tok.Punct, i, i + 1, c);
          i++;
          continue;
        }
        push(Tok.Op, i, i + 2, c);
        i += 2;
        continue;
      case 61: // = but not == or =>
        if (next !== 61 && next !== 62) {
          push(Tok.Punct, i, i + 1, c);
          i++;
          continue;
        }
        break;
    }
    // Other operators: group runs of operator characters so `<=`, `!=`, `+=` never look like `=`.
    let j = i + 1;
    while (j < len && isOperatorChar(text.charCodeAt(j))) j++;
    push(Tok.Op, i, j, c);
    i = j;
  }
  return { count: n, kind, start, end, punct };
}

function isOperatorChar(c: number): boolean {
  // ! % & * + - < = > ? @ ^ | ~  (not `/`, which may start a comment)
  return c === 33 || c === 37 || c === 38 || c === 42 || c === 43 || c === 45 || c === 60 || c === 61 || c === 62 || c === 63 || c === 64 || c === 94 || c === 124 || c === 126;
}
