/** A model reference split into the ModelProvider's name and the model id as the vendor spells it. */
export interface ModelRef {
  provider: string;
  model: string;
}

/**
 * Splits `<provider>/<model-id>` on the first `/` only: model ids may contain `/` themselves
 * (`nvidia/z-ai/glm4.7`, `openrouter/meta-llama/llama-3.1-70b-instruct`).
 */
export function splitModelRef(ref: string): ModelRef | undefined {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) return undefined;
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1) };
}
