/** A parsed `<provider-name>/<model-id>` reference. */
export interface ModelRef {
  provider: string;
  model: string;
}

/**
 * Splits a model reference on the FIRST slash: the provider is a resource name (no slashes), the
 * model id may contain more (`nvidia/z-ai/glm4.7` → `nvidia` + `z-ai/glm4.7`).
 */
export function parseModelRef(ref: string): ModelRef | undefined {
  const slash = ref.indexOf('/');
  if (slash <= 0 || slash === ref.length - 1) return undefined;
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1) };
}
