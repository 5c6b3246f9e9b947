import { describe, expect, it } from 'vitest';
import { runCli, runProcess } from '../../helpers/cli.js';

/** `pai completion bash` driven by bash itself, as a shell would call it on TAB. */
describe('pai completion', () => {
  it('completes commands, subcommands and flags from the command definitions', async () => {
    const script = await runCli(['completion', 'bash']);
    expect(script.code).toBe(0);
    const complete = (line: string) =>
      `read -ra COMP_WORDS <<< "${line}"; [[ "${line}" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _pai; echo "\${COMPREPLY[*]}"`;
    const lines = ['pai val', 'pai token ', 'pai validate --fo', 'pai plan --detailed'];
    const result = await runProcess('bash', ['-c', [script.stdout, ...lines.map(complete)].join('\n')]);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(0, 4)).toEqual(['validate', 'create list revoke', '--format', '--detailed-exitcode']);
  });

  it('refuses a shell it does not know with a usage error', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/^Error: Expected fish to be one of: bash, zsh/);
  });
});
