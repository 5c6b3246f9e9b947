import { Command, Flags, type Interfaces } from '@oclif/core';
import type { ControlPlaneClient } from './client/control-plane-client.js';
import { configPath, readConfig, type PaiConfig } from './config/config-file.js';
import type { ImperativeMode } from '../compiler/apply/imperative.js';
import { connectControlPlane } from './connect.js';
import { EXIT_CODES } from './exit-codes.js';
import { describeError, errorJson, formatErrorReport } from './error-report.js';
import type { ImperativeRunResult } from './imperative-run.js';
import { redact, redactDeep, registerSensitiveArgv } from './sensitive.js';
import { usageErrorFromParse, usageHint } from './usage.js';
import { UsageError } from '../lib/user-error.js';

/**
 * The base of every pai command: errors become one sentence and a hint on stderr (or a `--json`
 * error object), with the exit code from EXIT_CODES — never a stack trace — and sensitive argv
 * values are registered before anything can print them. Whatever the parser refuses (an unknown
 * flag, a bad value, a missing argument) is a UsageError, worded the same for every command.
 */
export abstract class PaiCommand extends Command {
  /** The server the command talks to, once known; named in error messages. */
  protected serverUrl: string | undefined;

  protected override async init(): Promise<void> {
    registerSensitiveArgv(this.argv);
    // oclif's debug output (DEBUG=pai:*) logs argv, which may hold --api-key or --from-literal values.
    const debug = this.debug;
    this.debug = (...args: unknown[]) => debug(...args.map((a) => redactDeep(a)));
    await super.init();
  }

  protected override async parse<F extends Interfaces.OutputFlags<any>, B extends Interfaces.OutputFlags<any>, A extends Interfaces.OutputArgs<any>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    try {
      return await super.parse(options, argv);
    } catch (err) {
      // It was parsed, and refused: oclif must not add a "did not parse its arguments" warning.
      this.parsed = true;
      const ctor = this.ctor as typeof PaiCommand;
      throw usageErrorFromParse(err, this.id, Object.keys({ ...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? { json: true } : {}) }));
    }
  }

  protected override async catch(err: Error & { exitCode?: number; code?: string; oclif?: { exit?: number } }): Promise<void> {
    // `this.exit(n)` throws an ExitError: it is a deliberate exit, not a failure to report.
    if (err.code === 'EEXIT') throw err;
    const report = describeError(err, { ...(this.serverUrl ? { server: this.serverUrl } : {}) });
    process.exitCode = err instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.error;
    if (this.jsonEnabled()) {
      process.stdout.write(JSON.stringify(errorJson(report), null, 2) + '\n');
    } else {
      process.stderr.write(formatErrorReport(report));
      if (process.env.PAI_DEBUG && err.stack) process.stderr.write(redact(err.stack) + '\n');
    }
  }

  /** The `--json` payload. oclif colours it, tokenizing the whole text even when stdout is not a
   * terminal (seconds for the megabytes of `pai usage` over 1,000 keys): plain JSON unless a terminal. */
  override logJson(json: unknown): void {
    if (process.stdout.isTTY) return super.logJson(json);
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  }

  /**
   * `--json` is `-o json` (`--format json`) with one versioned shape: the format a command renders
   * in, given the value of its format flag NAME and the parsed tokens. `--json` with another
   * explicit format is a usage error rather than one of them quietly winning.
   */
  protected formatWithJson<T extends string>(value: T, raw: Interfaces.ParserOutput['raw'], name: string): T | 'json' {
    if (!super.jsonEnabled()) return value;
    if (value !== 'json' && raw.some((t) => t.type === 'flag' && t.flag === name)) this.usageError(`--json means --${name} json; it cannot be combined with --${name} ${value}`);
    return 'json';
  }

  /** Stops with a usage error (exit EXIT_CODES.usage) pointing at this command's --help. */
  protected usageError(message: string): never {
    throw new UsageError(message, usageHint(this.id));
  }

  /** Writes human output to stdout unless `--json` asked for the JSON payload instead. */
  protected print(text: string): void {
    if (!this.jsonEnabled()) process.stdout.write(redact(text));
  }

  /** Writes a note to stderr (progress, warnings) unless `--json` is on. */
  protected note(text: string): void {
    if (!this.jsonEnabled()) process.stderr.write(redact(text.endsWith('\n') ? text : text + '\n'));
  }

  /** The CLI's config file and its parsed content. */
  protected loadConfig(): { file: string; config: PaiConfig } {
    const file = configPath();
    return { file, config: readConfig(file) };
  }
}

/** `--context`, shared by every command that talks to the control plane. */
export const contextFlag = Flags.string({
  description: 'use this context from ~/.pai/config.json instead of the current one (beats PAI_SERVER/PAI_TOKEN)',
  helpGroup: 'GLOBAL',
});

/**
 * A command that calls the control plane API with an admin token. It resolves the connection
 * (`--context`, PAI_SERVER/PAI_TOKEN, current context), builds the one client, and closes it
 * when the command ends.
 */
export abstract class ControlPlaneCommand extends PaiCommand {
  static override baseFlags = { context: contextFlag };
  private client: ControlPlaneClient | undefined;

  /** The client for the resolved connection; a UserError says how to log in when there is none. */
  protected connect(contextName: string | undefined): ControlPlaneClient {
    const { client, server } = connectControlPlane(contextName);
    this.serverUrl = server;
    this.client = client;
    return client;
  }

  /**
   * `-f FILE|DIR|-`: creates (`create`) or creates-or-replaces (`apply`) each document as it is;
   * the exit status is 1 when any document failed. Returns the `--json` payload.
   */
  protected async runFromFiles(filenames: readonly string[] | undefined, mode: ImperativeMode, contextName: string | undefined): Promise<ImperativeRunResult> {
    // Reading manifests (the yaml package) is loaded only by `-f`.
    const { runImperativeFromFiles } = await import('./imperative-run.js');
    const result = await runImperativeFromFiles(filenames, mode, {
      connect: () => this.connect(contextName),
      print: (text) => this.print(text),
      printError: (text) => this.note(text),
      server: () => this.serverUrl,
    });
    if (result.failed > 0) process.exitCode = EXIT_CODES.error;
    return result;
  }

  protected override async finally(err: Error | undefined): Promise<void> {
    await this.client?.close();
    await super.finally(err);
  }
}
