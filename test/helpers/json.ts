/**
 * An HTTP answer's JSON as the tests read it: the fields they assert on, typed (an error in the
 * OpenAI/Anthropic or the API's shape, a completion's usage, a listing, a resource's status).
 * Each test asserts what it expects; a missing field fails that assertion, not the type check.
 */
export interface JsonBody {
  error: { code: string; type: string; message: string; reason?: string; param?: unknown };
  usage: { total_tokens: number };
  data: unknown;
  status: { tokensUsedToday: number };
}

export async function jsonOf(res: { json(): Promise<unknown> }): Promise<JsonBody> {
  return (await res.json()) as JsonBody;
}
