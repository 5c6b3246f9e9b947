/**
 * Runs async tasks one at a time: a task asked for while another runs waits for it to end (however
 * it ends), then runs. The store flushes of the gateway (budget ledger, request log) use it so
 * that two flushes never send the same buffered rows twice.
 */
export class OneAtATime {
  private current: Promise<void> | undefined;

  /** Whether a task is running now. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  async run(task: () => Promise<void>): Promise<void> {
    while (this.current) await this.current;
    const run = task();
    this.current = run.then(
      () => {},
      () => {},
    );
    try {
      await run;
    } finally {
      this.current = undefined;
    }
  }
}
