// Writes oclif.manifest.json so that oclif imports only the command being run. Without it oclif
// imports every command module on every invocation (the server's included), which makes even
// `pai context list` take half a second. Equivalent to `oclif manifest`, without that package.
import { rmSync, writeFileSync } from 'node:fs';
import { Config } from '@oclif/core';

rmSync('oclif.manifest.json', { force: true }); // never build from a stale manifest
const config = await Config.load({ root: process.cwd() });
const plugin = config.plugins.get(config.pjson.name);
if (!plugin || Object.keys(plugin.manifest.commands).length === 0) throw new Error('no commands found: build dist/ first');
// Descriptions are written hard-wrapped in the source; help wraps them again to the terminal's
// width, so the source's line breaks inside a paragraph would leave ragged lines. They become
// spaces; blank lines (paragraphs), list items and indented lines keep theirs.
const reflow = (text) => text.replace(/([^\n])\n(?![\n\s*•-]|\d+\.)/g, '$1 ');
for (const command of Object.values(plugin.manifest.commands)) {
  if (command.description) command.description = reflow(command.description);
}
writeFileSync('oclif.manifest.json', JSON.stringify(plugin.manifest, null, 2) + '\n');
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
