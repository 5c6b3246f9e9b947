import type { GithubContext } from './github-context.js';
import type { ActionInputs } from './inputs.js';
import type { PaiRunner } from './pai-process.js';
import type { FetchLike } from './sticky-comment.js';
import { outputLine } from './workflow-commands.js';

/** The action's side effects on the runner, behind one interface so tests can capture them. */
export interface ActionIo {
  /** The job log (stdout), where workflow commands are read. */
  write(text: string): void;
  appendFile(file: string, text: string): void;
  readText(file: string): string;
}

/** Everything a mode (validate, plan, apply) works with. */
export interface ModeContext {
  inputs: ActionInputs;
  github: GithubContext;
  runPai: PaiRunner;
  fetch: FetchLike;
  io: ActionIo;
}

/** Adds markdown to the job summary (no-op outside Actions, where there is no summary file). */
export function appendSummary(ctx: ModeContext, markdown: string): void {
  if (ctx.github.stepSummaryFile) ctx.io.appendFile(ctx.github.stepSummaryFile, markdown.endsWith('\n') ? markdown + '\n' : markdown + '\n\n');
}

/** Sets a step output (`steps.<id>.outputs.<name>`). */
export function setOutput(ctx: ModeContext, name: string, value: string): void {
  if (ctx.github.outputFile) ctx.io.appendFile(ctx.github.outputFile, outputLine(name, value));
}

/** A code fence that no run of backticks inside `text` can close early. */
export function fenced(text: string, info = 'text'): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.endsWith('\n') ? text : text + '\n'}${fence}\n`;
}

/** The last `max` characters of a command's output, from a line start, for a summary or comment. */
export function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(text.length - max);
  const nl = cut.indexOf('\n');
  return '…\n' + (nl >= 0 ? cut.slice(nl + 1) : cut);
}
