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

  /** Feeds one line; returns the file that this line completed, if any. */
  push(line: string): AddedText | undefined {
    if (line.startsWith(COMMIT_MARKER)) {
      const done = this.flush();
      const [sha, time] = line.slice(1).split(' ');
      this.commit = sha;
      this.time = time ? Number(time) : undefined;
      return done;
    }
    if (line.startsWith('diff --git ')) {
      const done = this.flush();
      this.path = undefined;
      this.inHunk = false;
      return done;
    }
    if (!this.inHunk || line.startsWith('@@')) {
      if (line.startsWith('+++ ')) {
        const target = line.slice(4);
        this.path = target === '/dev/null' ? undefined : target.replace(/^b\//, '').replace(/^"b\/(.*)"$/, '$1');
      } else if (line.startsWith('@@')) {
        const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
        this.nextLine = match ? Number(match[1]) : 0;
        this.inHunk = true;
      }
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
