/** The lines one commit (or one diff) adds to one file, stitched into scannable text. */
export interface AddedText {
  path: string;
  commit?: string;
  /** Commit time (unix seconds), for history reports. */
  time?: number;
  text: string;
  /** Real line number of each line of `text`. */
  lineNumbers: number[];
}

/** Marks a commit header in `git log --format`; a byte no diff line starts with. */
export const COMMIT_MARKER = '\u0001';

/**
 * Turns `git diff`/`git log -p --unified=0` output, fed line by line, into the
 * added text per file. Pure: it holds state, reads nothing.
 */
export class DiffParser {
  private commit?: string;
  private time?: number;
  private path?: string;
  private nextLine = 0;
  private lines: string[] = [];
  private numbers: number[] = [];
  private inHunk = false;
  /** One prefix column per parent: 1 for a plain diff, 2+ for a merge's combined (`--cc`) diff. */
  private columns = 1;
  private allAdded = '+';

  /** `onCommit` hears every commit header, also of commits that only delete files (they add no text). */
  constructor(private readonly onCommit?: (sha: string) => void) {}

  /** Feeds one line; returns the file that this line completed, if any. */
  push(line: string): AddedText | undefined {
    if (line.startsWith(COMMIT_MARKER)) {
      const done = this.flush();
      const [sha, time] = line.slice(1).split(' ');
      this.commit = sha;
      this.time = time ? Number(time) : undefined;
      this.onCommit?.(sha);
      return done;
    }
    if (line.startsWith('diff --')) {
      const done = this.flush();
      this.path = undefined;
      this.inHunk = false;
      this.columns = 1;
      return done;
    }
    if (!this.inHunk || line.startsWith('@@')) {
      if (line.startsWith('+++ ')) {
        const target = line.slice(4);
        this.path = target === '/dev/null' ? undefined : target.replace(/^b\//, '').replace(/^"b\/(.*)"$/, '$1');
      } else if (line.startsWith('@@')) {
        // `@@ -a +b @@`, or `@@@ -a -b +c @@@` for a merge of two parents (one more @ per parent).
        const match = /^(@@+) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@/.exec(line);
        this.nextLine = match ? Number(match[2]) : 0;
        this.columns = match ? match[1].length - 1 : 1;
        this.allAdded = '+'.repeat(this.columns);
        this.inHunk = true;
      }
      return undefined;
    }
    if (this.columns > 1) {
      // Combined diff: a line is the merge's own when it is new against every parent (`++`);
      // ` +`/`+ ` lines came from one parent, already scanned at the commit that added them.
      const marks = line.slice(0, this.columns);
      if (marks.includes('-') || !/^[ +]+$/.test(marks)) return undefined;
      if (marks === this.allAdded && this.path) {
        this.lines.push(line.slice(this.columns));
        this.numbers.push(this.nextLine);
      }
      this.nextLine += 1;
      return undefined;
    }
    if (line.startsWith('+')) {
      if (this.path) {
        this.lines.push(line.slice(1));
        this.numbers.push(this.nextLine);
      }
      this.nextLine += 1;
    } else if (line.startsWith(' ')) {
      this.nextLine += 1;
    }
    return undefined;
  }

  /** Call at the end of the output. */
  end(): AddedText | undefined {
    return this.flush();
  }

  private flush(): AddedText | undefined {
    if (!this.path || this.lines.length === 0) {
      this.lines = [];
      this.numbers = [];
      return undefined;
    }
    const done: AddedText = { path: this.path, commit: this.commit, time: this.time, text: this.lines.join('\n'), lineNumbers: this.numbers };
    this.lines = [];
    this.numbers = [];
    return done;
  }
}
