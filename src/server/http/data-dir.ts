import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where `pai server` keeps its data when `--data-dir` is not given: `$PAI_DATA_DIR`, else
 * `$XDG_DATA_HOME/pai`, else `~/.local/share/pai` (the XDG default).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.PAI_DATA_DIR) return path.resolve(env.PAI_DATA_DIR);
  if (env.XDG_DATA_HOME) return path.join(path.resolve(env.XDG_DATA_HOME), 'pai');
  return path.join(home, '.local', 'share', 'pai');
}
