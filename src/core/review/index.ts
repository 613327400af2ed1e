// The review engine's public surface. Pure TypeScript: no `vscode`, no Node built-ins; I/O comes
// in through `ProgressStorage` and time through `Clock`.
export { Calendar, DAY, HOUR, MINUTE, fixedUtcOffset, localUtcOffset, type Clock, type UtcOffset } from './clock';
export { InMemoryProgressStorage, type ProgressStorage, type StorageOperation } from './storage';
export { randomIdGenerator, sequentialIdGenerator, type IdGenerator } from './ids';
export {
  EXPORT_KIND,
  FutureSchemaError,
  LOG_KIND,
  LOG_SCHEMA,
  keyIsUnder,
  type BuryEntry,
  type CardEntry,
  type EntryDraft,
  type LogEntry,
  type Phase,
  type Rating,
  type ResetEntry,
  type ReviewEntry,
  type SuspendEntry,
  type UndoEntry,
} from './reviewLog';
export { NEW_CARD, isBuried, type CardState } from './cardState';
export { DEFAULT_REVIEW_SETTINGS, Scheduler, resolveSettings, type IntervalPreview, type ReviewSettings } from './scheduler';
export { formatInterval } from './formatInterval';
export { ReviewHistory } from './history';
export {
  ProgressStore,
  type ChangeListener,
  type ImportResult,
  type ProgressStoreOptions,
  type RecoveryReport,
} from './progressStore';
export {
  buildQueue,
  queueCounts,
  studyAhead,
  type QueueCounts,
  type QueueInput,
  type QueueItem,
  type QueueKind,
  type StudyQueue,
} from './queue';
export {
  currentStreak,
  deckMastery,
  dueForecast,
  reviewStats,
  reviewsPerDay,
  trueRetention,
  type DayCount,
  type DeckMastery,
  type Retention,
  type ReviewStats,
} from './stats';
export { ReviewTally, type DayTally, type ReviewFact } from './tally';
