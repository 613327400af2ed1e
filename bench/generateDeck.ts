/** Deterministic synthetic deck for benchmarks: same bytes on every machine and run. */
export function generateMarkdownDeck(cards: number, seed = 1): string {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const words = ['shard', 'stream', 'record', 'consumer', 'producer', 'retention', 'throughput', 'partition', 'buffer', 'firehose',
    'lambda', 'checkpoint', 'lease', 'iterator', 'sequence', 'aggregation', 'capacity', 'on-demand', 'provisioned', 'latency'];
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[Math.floor(rand() * words.length)]);
    return out.join(' ');
  };
  const parts: string[] = ['# Generated benchmark deck', '', 'A deterministic deck for load-time measurements.', ''];
  for (let i = 0; i < cards; i++) {
    parts.push(`## Card ${i}: ${sentence(3)}?`);
    if (i % 10 === 0) parts.push('<!--', `id: card-${i}`, `tags: bench, t${i % 17}`, `source: https://docs.aws.amazon.com/streams/latest/dev/page-${i % 50}.html`, `code: shardCount, Ident${i % 97}`, '-->');
    else parts.push(`<!-- id: card-${i} -->`);
    const lines = 3 + Math.floor(rand() * 6);
    for (let l = 0; l < lines; l++) parts.push(`- The **${sentence(1)}** is ${sentence(1 + Math.floor(rand() * 3))}.`);
    if (i % 10 === 0) parts.push('', '```ts', `new kinesis.Stream(this, 'S${i}', { shardCount: ${1 + (i % 8)} });`, '```');
    parts.push('');
  }
  return parts.join('\n');
}
