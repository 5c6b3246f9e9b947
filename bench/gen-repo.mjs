// Generates a realistic configuration repository of pai manifests for benchmarks:
// ModelProviders, Secrets and Agents (with primary and fallback models across providers).
// `warnings`: that many Agents (the first ones) also read an env value from a Secret that is not
// declared (created out of band), which offline is an `unresolved-secret` warning each.
// Usage: node bench/gen-repo.mjs DIR COUNT [DOCS_PER_FILE] [WARNINGS]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function generateRepo(dir, count, docsPerFile = 1, warnings = 0) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs = [];
  const providers = [
    ['anthropic', 'provider: anthropic', null],
    ['google', 'provider: gemini', null],
    ['nvidia', 'provider: openai\n  endpoint: https://integrate.api.nvidia.com/v1', '[meta/llama-3.1-70b-instruct, qwen/qwen3-next-80b-a3b-instruct]'],
  ];
  for (const [name, provider, allowed] of providers) {
    docs.push(`apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: ${name}-key\nspec: {}\n`);
    docs.push(
      `apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata:\n  name: ${name}\nspec:\n  ${provider}\n  apiKeySecretRef: {name: ${name}-key, key: api-key}\n` +
        (allowed ? `  allowedModels: ${allowed}\n` : '') +
        `  maxTokensPerDay: 5000000\n  externalAccess: {enabled: true, maxTokensPerDay: 1000000}\n`,
    );
  }
  const models = [
    '[anthropic/claude-sonnet-4-6, google/gemini-2.5-flash]',
    '[nvidia/meta/llama-3.1-70b-instruct, anthropic/claude-haiku-4-5]',
    '[google/gemini-2.5-pro, nvidia/qwen/qwen3-next-80b-a3b-instruct]',
  ];
  let warned = 0;
  for (let i = docs.length; i < count; i++) {
    const env = warned++ < warnings ? '    - name: TOKEN\n      secretRef: {name: agent-token, key: token}\n' : '';
    docs.push(`apiVersion: pai.io/v1
kind: Agent
metadata:
  name: agent-${i}
  namespace: team-${i % 20}
spec:
  harness: default
  models: ${models[i % models.length]}
  triggers: [{webhook: {}}]
  tokens: {maxPerDay: 1000000, maxPerRequest: 16000}
  rateLimits:
    maxRequestsPerMinute: 60
    maxConcurrentRequests: 4
  env:
    - name: LOG_LEVEL
      value: "info"
${env}  system: |
    You are agent ${i}. Review the pull request described in the task.
    Be concise.
`);
  }
  // Agents in team namespaces reference providers in their own namespace: copy providers there.
  const teamDocs = [];
  for (let t = 0; t < 20; t++) {
    for (const d of docs.slice(0, 6)) teamDocs.push(d.replace(/metadata:\n  name: ([^\n]+)\n/, `metadata:\n  name: $1\n  namespace: team-${t}\n`));
  }
  const all = [...docs.slice(0, 6), ...teamDocs, ...docs.slice(6)].slice(0, Math.max(count, 6));
  let file = 0;
  for (let i = 0; i < all.length; i += docsPerFile) {
    const sub = path.join(dir, `team-${file % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `m-${String(file).padStart(5, '0')}.yaml`), all.slice(i, i + docsPerFile).join('---\n'));
    file++;
  }
  return { files: file, documents: all.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, per, warnings] = process.argv.slice(2);
  console.log(generateRepo(dir, Number(count), Number(per ?? 1), Number(warnings ?? 0)));
}
