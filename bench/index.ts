// `npm run bench`: prints figures and ratios against the goals. Timings on a loaded machine vary;
// the ratios to the markdown-it reference are steadier than the absolute numbers.
import { benchDeckLoad } from './deckLoad';
import { benchHostileShapes, benchHover, benchLargeFiles } from './hover';
import { benchResilience } from './resilience';
import { benchReviewLog } from './reviewLog';
import { benchTree } from './tree';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  if (want('deck')) benchDeckLoad();
  if (want('review')) await benchReviewLog();
  if (want('hover')) benchHover();
  if (want('hover') || want('large')) await benchLargeFiles();
  if (want('hover') || want('hostile')) benchHostileShapes();
  if (want('tree')) await benchTree();
  if (want('resilience')) await benchResilience();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
