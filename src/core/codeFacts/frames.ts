/** Frame flags. */
export const KINESIS_EVIDENCE = 1;
/** The frame belongs to a call or literal of a competing service (SQS, DynamoDB, Kafka…). */
export const FOREIGN = 2;

/**
 * Brackets (code) or mappings (templates) around occurrences, as parallel arrays indexed by frame id.
 * An occurrence's context is the chain of frames from its own up to the top. Numbers live in typed
 * arrays: a large file has tens of thousands of frames, and this keeps them off the garbage collector.
 */
export class FrameTable {
  readonly owner: (string | undefined)[] = [];
  parent: Int32Array = new Int32Array(64);
  flags: Int32Array = new Int32Array(64);
  /** Elements at the frame's top level (array items, arguments, composite-literal entries). */
  items: Int32Array = new Int32Array(64);
  /** Normalized keys seen directly in the frame, kept only for the words context rules ask about. */
  private readonly keyLists = new Map<number, string[]>();

  add(owner: string | undefined, parent: number, flags = 0): number {
    const id = this.owner.length;
    if (id === this.parent.length) {
      this.parent = grow(this.parent);
      this.flags = grow(this.flags);
      this.items = grow(this.items);
    }
    this.owner.push(owner);
    this.parent[id] = parent;
    this.flags[id] = flags;
    this.items[id] = 0;
    return id;
  }

  addKey(frame: number, key: string): void {
    if (frame < 0) return;
    const list = this.keyLists.get(frame);
    if (list) list.push(key);
    else this.keyLists.set(frame, [key]);
  }

  keys(frame: number): readonly string[] | undefined {
    return this.keyLists.get(frame);
  }

  get size(): number {
    return this.owner.length;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
