import { createInterface } from 'node:readline/promises';

/**
 * Asks "yes or no" on the terminal, as Terraform does: only the exact word "yes" confirms.
 * The prompt goes to stderr so that stdout stays the plan. Callers check for a TTY first:
 * pai never prompts without one.
 */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} Only 'yes' will be accepted: `)).trim() === 'yes';
  } finally {
    rl.close();
  }
}
