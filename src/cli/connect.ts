import { ControlPlaneClient } from './client/control-plane-client.js';
import { configPath, readConfig } from './config/config-file.js';
import { requireAdminToken, resolveConnection } from './config/connection.js';
import { redact, registerSensitive } from './sensitive.js';
import { VERSION } from './version.js';

/**
 * The one client for the resolved connection (`--context`, PAI_SERVER/PAI_TOKEN, the current
 * context) with an admin token, which is registered as sensitive before anything can print it.
 * A UserError says how to log in when there is no connection.
 */
export function connectControlPlane(contextName: string | undefined): { client: ControlPlaneClient; server: string } {
  const connection = resolveConnection(readConfig(configPath()), { ...(contextName ? { context: contextName } : {}) });
  const token = requireAdminToken(connection);
  registerSensitive(token);
  return {
    client: new ControlPlaneClient({ baseUrl: connection.server, bearer: token, userAgent: `pai/${VERSION}`, onWarning: printWarning }),
    server: connection.server,
  };
}

/** A server warning (e.g. a deprecated model admitted) on stderr, as kubectl prints them; stdout stays the command's output. */
function printWarning(text: string): void {
  process.stderr.write(redact(`Warning: ${text}`) + '\n');
}
