/**
 * The subset of VS Code's glob syntax that deck globs and `files.exclude` use: `**`, `*`, `?`,
 * `[…]` and `{a,b}` (nested too). Pure so that the filtering the extension applies to file
 * watcher events can be unit-tested, and so it matches what `findFiles` was asked for.
 */

/** `src/{a,b{c,d}}` → `src/a`, `src/bc`, `src/bd`. Unbalanced braces are left as literal text. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const tails = expandBraces(glob.slice(close + 1));
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    for (const middle of expandBraces(glob.slice(bounds[i] + 1, bounds[i + 1]))) {
      for (const tail of tails) out.push(head + middle + tail);
    }
  }
  return out;
}

/** One brace-free glob as an anchored RegExp source over `/`-separated relative paths. */
function toSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (atStart && glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*'; // `**/`: any number of whole folders, including none
        } else if (atStart && i + 1 === glob.length) {
          re += '.*'; // trailing `/**`: everything below
        } else {
          re += '[^/]*'; // `a**b` is two stars, as in VS Code
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else {
      re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
    }
  }
  return re;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const normalized = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '');
    re = new RegExp(`^(?:${expandBraces(normalized).map(toSource).join('|')})$`);
    if (cache.size > 500) cache.clear();
    cache.set(glob, re);
  }
  return re;
}

export function matchesGlob(relativePath: string, glob: string): boolean {
  return globToRegExp(glob).test(relativePath);
}
