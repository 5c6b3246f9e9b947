// Compares the fast YAML subset parser with the yaml package on 10,000 typical manifests.
// Run after `npx tsc -p tsconfig.build.json`:  node bench/fast-yaml.bench.mjs
// Prints the median of 5 runs for each parser (one string per file, 2 documents each).
import { parseAllDocuments } from 'yaml';
import { parseFastYaml } from '../dist/compiler/load/fast-yaml.js';

const MANIFESTS = 10_000;
const RUNS = 5;

function agentFile(i) {
  return `apiVersion: pai.io/v1
kind: Agent
metadata:
  name: agent-${i}
  namespace: team-${i % 7}
spec:
  harness: default
  models: [anthropic/claude-sonnet-4-6, google/gemini-2.5-flash]
  providers: [github-writer]
  triggers: [{webhook: {}}]
  tokens: {maxPerDay: 1000000, maxPerRequest: 16000}
  rateLimits:
    maxRequestsPerMinute: 60
    maxConcurrentRequests: 4
    maxCostPerDayUSD: 20.0
  env:
    - name: LOG_LEVEL
      value: "debug"
    - name: TOKEN
      secretRef: {name: gh, key: token}
  system: |
    Review the pull request described in the task.
    Be concise.
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: nim-${i}}
spec:
  provider: openai          # OpenAI-compatible host
  endpoint: https://integrate.api.nvidia.com/v1
  apiKeySecretRef: {name: nim-key, key: api-key}
  allowedModels: [meta/llama-3.1-70b-instruct]
  maxTokensPerDay: 5000000
  externalAccess: {enabled: true, maxTokensPerDay: 1000000}
`;
}

// 10,000 documents: 5,000 files of two documents each. Round-tripped through a Buffer so each is
// a flat string, like the text of a file read from disk (a template literal is a rope, slower to scan).
const files = Array.from({ length: MANIFESTS / 2 }, (_, i) => Buffer.from(agentFile(i)).toString('utf8'));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label, parse, inputs = files) {
  for (const f of inputs.slice(0, 500)) parse(f); // warm up the JIT
  const runs = [];
  let docs = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    docs = 0;
    for (const f of inputs) docs += parse(f).length;
    runs.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(34)} ${median(runs).toFixed(1).padStart(8)} ms  (median of ${RUNS}; ${docs} documents; runs: ${runs.map((t) => t.toFixed(0)).join(', ')})`);
}

for (const f of files.slice(0, 3)) {
  if (parseFastYaml(f) === null) throw new Error('the fast path fell back on the sample manifest');
}
time('parseFastYaml', (f) => parseFastYaml(f));
// The floor: JSON.parse of the same documents (as one JSON array per file).
const jsonFiles = files.map((f) => Buffer.from(JSON.stringify(parseFastYaml(f))).toString('utf8'));
time('JSON.parse (same data, reference)', (f) => JSON.parse(f), jsonFiles);
time('yaml parseAllDocuments + toJS', (f) => parseAllDocuments(f).map((d) => d.toJS()));
