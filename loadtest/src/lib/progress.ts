/** One status line that redraws in place on a terminal (plain lines otherwise), so long runs show where they are. */
export class Progress {
  #tty = Boolean(process.stdout.isTTY);
  #last = '';
  #lastPrint = 0;

  constructor(private readonly label: string) {}

  update(done: number, total: number, detail = ''): void {
    const width = 28;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const line = `  ${this.label.padEnd(18)} ${bar} ${String(Math.round(frac * 100)).padStart(3)}%  ${detail}`;
    if (this.#tty) {
      process.stdout.write(`\r${line.padEnd(this.#last.length)}`);
    } else if (Date.now() - this.#lastPrint > 5000 || frac === 1) {
      process.stdout.write(`${line}\n`);
      this.#lastPrint = Date.now();
    }
    this.#last = line;
  }

  done(detail: string): void {
    this.update(1, 1, detail);
    if (this.#tty) process.stdout.write('\n');
  }
}

export function log(msg: string): void {
  process.stdout.write(`${msg}\n`);
}
