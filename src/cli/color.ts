/**
 * Whether to colour what goes to `stream`: the one decision every command uses. Node's
 * `hasColors()` already answers for a terminal and honours NO_COLOR, FORCE_COLOR and TERM=dumb;
 * a pipe or a file is never coloured. `--color`/`--no-color` (where a command has it) wins.
 */
export function useColor(stream: NodeJS.WriteStream, forced?: boolean): boolean {
  if (forced !== undefined) return forced;
  return stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
}
