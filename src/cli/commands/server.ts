import { UsageError, UserError } from '../../lib/user-error.js';
import { Flags } from '@oclif/core';
import { PaiCommand } from '../base-command.js';
import { defaultDataDir } from '../../server/http/data-dir.js';
import { isPostgresUrl } from '../../server/store/database-url.js';
import { durationMs } from '../duration.js';

export default class Server extends PaiCommand {
  static override summary = 'Run the pai control plane (REST API on /v1/; embedded PGlite storage, or PostgreSQL).';
  static override description =
    'Starts the control plane on HOST:PORT with its data in --data-dir. On first start it creates an admin token, ' +
    'prints it once and saves it in <data-dir>/admin.token (mode 0600); set PAI_BOOTSTRAP_ADMIN_TOKEN=pai_tok_… to choose it. ' +
    'Logs are JSON lines on stdout. Stop with Ctrl-C or SIGTERM. ' +
    'Several replicas can share one PostgreSQL (--database-url, the same --secret-key-file on each): see docs/scaling.md, ' +
    'and `pai server migrate`, `pai server export` and `pai server import`.';
  static override examples = ['<%= config.bin %> server', '<%= config.bin %> server --port 8080 --data-dir ./pai-data'];
  static override flags = {
    host: Flags.string({ description: 'address to listen on', default: '127.0.0.1' }),
    port: Flags.integer({ description: 'port to listen on (0 = any free port)', default: 7070, min: 0, max: 65535 }),
    'data-dir': Flags.string({ description: 'where data lives [default: $PAI_DATA_DIR, $XDG_DATA_HOME/pai or ~/.local/share/pai]' }),
    'database-url': Flags.string({
      description: 'use PostgreSQL (postgres://user:password@host:port/db) instead of the embedded storage; replicas on one database need the same secret key (--secret-key-file), see docs/scaling.md',
      env: 'PAI_DATABASE_URL',
    }),
    'secret-key-file': Flags.string({
      description:
        'the 32-byte key that encrypts Secret values, instead of <data-dir>/secret.key: every replica of one database needs the same one (or set PAI_SECRET_KEY to it in hex or base64)',
      env: 'PAI_SECRET_KEY_FILE',
    }),
    'public-url': Flags.string({
      description: 'the URL clients reach this server at (e.g. behind a proxy); its host name is answered besides loopback names',
    }),
    'allowed-host': Flags.string({
      description:
        'a Host name to answer besides loopback ones (repeatable). A server on a loopback address answers only loopback names unless told (DNS rebinding)',
      multiple: true,
    }),
    'request-log-retention': Flags.string({
      description: 'how long the gateway request log (`pai logs`, GET /v1/requests) keeps a request: 30d, 12h …; 0 keeps no request log (daily usage is still kept)',
      default: '30d',
    }),
    'request-log-max-rows': Flags.integer({ description: 'the most requests the request log keeps (the oldest are pruned first)', default: 1_000_000, min: 1 }),
    metrics: Flags.boolean({ description: 'serve Prometheus metrics at /metrics (read token); --no-metrics turns them off', default: true, allowNo: true }),
    'metrics-port': Flags.integer({ description: 'also serve /metrics without a token on 127.0.0.1:PORT (for a local Prometheus scraper)', min: 1, max: 65535 }),
    'trust-proxy': Flags.boolean({
      description: 'the LLM gateway takes the client address (for AccessKey allowedCIDRs) from X-Forwarded-For; only behind a proxy that sets it',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Server);
    const databaseUrl = flags['database-url'];
    if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
      process.stderr.write('Error: --database-url must be a postgres:// or postgresql:// URL.\nHint: e.g. postgres://pai:PASSWORD@db.example.com:5432/pai\n');
      this.exit(1);
    }
    let secretKey: Buffer | undefined;
    // Loaded here, with node:crypto, so that the other commands start without them.
    const { resolveSecretKey } = await import('../../server/store/secret-key-file.js');
    try {
      secretKey = resolveSecretKey({ file: flags['secret-key-file'], value: process.env.PAI_SECRET_KEY });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      process.stderr.write(`Error: ${err.message}\n${err.hint ? `Hint: ${err.hint}\n` : ''}`);
      this.exit(1);
    }
    const retentionMs = durationMs(flags['request-log-retention'], '--request-log-retention', { allowZero: true });
    if (flags['metrics-port'] !== undefined && !flags.metrics) throw new UsageError('--metrics-port serves metrics, which --no-metrics turns off', 'drop one of the two flags');
    // The server (fastify, the store, the gateway) is loaded only by this command.
    const [{ startControlPlane }, { jsonLineLogger }] = await Promise.all([import('../../server/http/control-plane.js'), import('../../server/http/logger.js')]);
    const log = jsonLineLogger();
    const starting = startControlPlane({
      host: flags.host,
      port: flags.port,
      dataDir: flags['data-dir'] ?? defaultDataDir(),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(secretKey ? { secretKey } : {}),
      ...(flags['trust-proxy'] ? { trustProxy: true } : {}),
      ...(flags['public-url'] !== undefined ? { publicUrl: flags['public-url'] } : {}),
      ...(flags['allowed-host'] ? { allowedHosts: flags['allowed-host'] } : {}),
      observability: {
        recorder: { requestLog: retentionMs > 0, ...(retentionMs > 0 ? { retentionMs } : {}), maxRows: flags['request-log-max-rows'] },
        metrics: flags.metrics,
        ...(flags['metrics-port'] !== undefined ? { metricsPort: flags['metrics-port'] } : {}),
      },
      log,
      tell: (text) => process.stderr.write(text),
      ...(process.env.PAI_BOOTSTRAP_ADMIN_TOKEN ? { bootstrapToken: process.env.PAI_BOOTSTRAP_ADMIN_TOKEN } : {}),
    });
    // Signals are handled from the start: a Ctrl-C during the first start (initdb) waits for it to
    // finish, then closes the database cleanly instead of leaving a half-made data dir.
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) process.exit(1); // a second Ctrl-C does not wait
      stopping = true;
      log.info('shutting down', { signal });
      starting
        .then((running) => running.close())
        .then(
          () => {
            log.info('stopped');
            process.exit(0);
          },
          () => process.exit(1), // start-up failed (reported below) or close failed
        );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    try {
      await starting;
    } catch (err) {
      if (err instanceof UserError) {
        process.stderr.write(`Error: ${err.message}\n${err.hint ? `Hint: ${err.hint}\n` : ''}`);
        this.exit(1);
      }
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        process.stderr.write(`Error: ${flags.host}:${flags.port} is already in use.\nHint: stop the other process or pick another --port.\n`);
        this.exit(1);
      }
      throw err;
    }
  }
}
