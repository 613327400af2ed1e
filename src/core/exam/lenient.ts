/**
 * Lenient comparison of a typed answer with a cloze deletion. The learner is tested on the fact,
 * not on its spelling: case, spacing, thousands separators, unit spellings (MB = MiB = megabytes,
 * h = hours, s = seconds, `/` = "per"), simple plurals, Markdown emphasis and trailing punctuation
 * do not matter. Numbers and the units' kind do: `10 MB/s` is not `1 MB/s`, and `1 MB` is not `1 GB`.
 */

const UNIT_SYNONYMS: Record<string, string> = {};
function synonyms(canonical: string, words: string[]): void {
  for (const w of words) UNIT_SYNONYMS[w] = canonical;
}
synonyms('b', ['byte', 'bytes']);
synonyms('kb', ['kb', 'kib', 'kbyte', 'kbytes', 'kilobyte', 'kilobytes', 'kibibyte', 'kibibytes']);
synonyms('mb', ['mb', 'mib', 'mbyte', 'mbytes', 'megabyte', 'megabytes', 'mebibyte', 'mebibytes']);
synonyms('gb', ['gb', 'gib', 'gbyte', 'gbytes', 'gigabyte', 'gigabytes', 'gibibyte', 'gibibytes']);
synonyms('tb', ['tb', 'tib', 'tbyte', 'tbytes', 'terabyte', 'terabytes', 'tebibyte', 'tebibytes']);
synonyms('ms', ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds']);
synonyms('s', ['s', 'sec', 'secs', 'second', 'seconds']);
synonyms('min', ['min', 'mins', 'minute', 'minutes']);
synonyms('h', ['h', 'hr', 'hrs', 'hour', 'hours']);
synonyms('d', ['d', 'day', 'days']);
synonyms('record', ['rec', 'recs', 'record', 'records']);
synonyms('request', ['req', 'reqs', 'request', 'requests']);
synonyms('per', ['per', '/']);

const DROPPED = new Set(['a', 'an', 'the']);

/** The canonical form two answers are compared in; exported so a UI can explain a mismatch. */
export function normalizeAnswer(text: string): string {
  let s = linkTexts(text.normalize('NFKC').toLowerCase())
    .replace(/[`*]/g, '') // code spans and emphasis
    .replace(/[\u2018\u2019\u201c\u201d"]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  s = trimPunctuation(s);
  // Thousands separators between digit groups: 1,000 = 1 000 = 1'000 = 1_000 = 1000.
  s = s.replace(/(\d)[, '_](?=\d{3}(?!\d))/g, '$1');
  // `10MB`, `24h`, `8,760-hour` → number and unit as separate words.
  s = s.replace(/(\d)-?(?=[a-z])/g, '$1 ');
  s = s.replace(/\s*\/\s*/g, ' / ');
  const words: string[] = [];
  for (const raw of s.split(' ')) {
    if (!raw || DROPPED.has(raw)) continue;
    const word = UNIT_SYNONYMS[raw] ?? foldPlural(raw);
    words.push(word);
  }
  return words.join(' ');
}

/**
 * Markdown links keep their text: `[text](url)` → `text`. By hand, because the regex for it
 * (`\[([^\]]*)\]\([^)]*\)`) scans to the end of the text from every `[` when no `]` or `)`
 * follows, which is quadratic in a long answer; here each search starts where the last one ended.
 */
function linkTexts(s: string): string {
  let out = '';
  let from = 0;
  let bracket = -2; // the last `]` and `)` searched for; -1 when there is none, -2 before the first search
  let paren = -2;
  for (let open = s.indexOf('['); open >= 0; open = s.indexOf('[', open + 1)) {
    if (bracket !== -1 && bracket < open) bracket = s.indexOf(']', open + 1);
    if (bracket < 0) break;
    if (s.charCodeAt(bracket + 1) !== 40 /* ( */) continue;
    if (paren !== -1 && paren < bracket + 2) paren = s.indexOf(')', bracket + 2);
    if (paren < 0) break;
    out += s.slice(from, open) + s.slice(open + 1, bracket);
    from = paren + 1;
    open = paren;
  }
  return from === 0 ? s : out + s.slice(from);
}

const LEADING = new Set(["'", '(']);
const TRAILING = /[\s.,;:!?')]/;

/**
 * Drops leading quotes and parentheses and trailing punctuation. A loop, not `[…]+$`: that regex
 * tries every position of a long run of punctuation followed by a letter and rescans the run.
 */
function trimPunctuation(s: string): string {
  let start = 0;
  while (start < s.length && LEADING.has(s[start])) start++;
  let end = s.length;
  while (end > start && TRAILING.test(s[end - 1])) end--;
  return s.slice(start, end);
}

function foldPlural(word: string): string {
  return word.length > 3 && /^[a-z]+s$/.test(word) && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** True when a typed answer counts as the expected text. An empty answer never does. */
export function answersMatch(given: string, expected: string): boolean {
  const g = normalizeAnswer(given);
  return g !== '' && g === normalizeAnswer(expected);
}
