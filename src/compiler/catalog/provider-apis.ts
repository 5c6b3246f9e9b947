import type { CatalogProvider } from './catalog-file.js';

/** One model as a provider's list-models API reports it, reduced to what the catalogue keeps. */
export interface ListedModel {
  id: string;
  contextWindow?: number;
  /** An announced shutdown (OpenAI `shutdown_date`, OpenRouter `expiration_date`), YYYY-MM-DD. */
  shutdownOn?: string;
}

/** One page of a listing and, when there are more, the URL of the next. */
export interface ListedPage {
  models: ListedModel[];
  next?: string;
}

/**
 * How to call one provider's list-models API: where, with which credentials, and how to read a
 * page. Checked against each provider's documentation (see the catalogue README's table).
 */
export interface ProviderApi {
  /** Environment variables holding the key, first set one wins. */
  keyEnv: readonly string[];
  /** Whether the list can be fetched without a key (OpenRouter's list is public; NIM reportedly too). */
  keyOptional: boolean;
  /** The first page's URL, from the base URL (no trailing slash). */
  firstUrl(base: string): string;
  headers(key: string | undefined): Record<string, string>;
  /** Reads a page; throws an Error with a short reason when the body is not the documented shape. */
  parse(body: unknown, url: string): ListedPage;
}

const bearer = (key: string | undefined): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

/** The `{object: "list", data: [{id}]}` shape shared by OpenAI, OpenRouter and NIM. */
function openAiList(body: unknown, read: (m: Record<string, unknown>) => Omit<ListedModel, 'id'>): ListedPage {
  const data = field(body, 'data');
  if (!Array.isArray(data)) throw new Error('no "data" list');
  return { models: data.filter(isRecord).filter((m) => typeof m.id === 'string').map((m) => ({ id: m.id as string, ...read(m) })) };
}

export const PROVIDER_APIS: Readonly<Record<CatalogProvider, ProviderApi>> = {
  anthropic: {
    keyEnv: ['ANTHROPIC_API_KEY'],
    keyOptional: false,
    firstUrl: (base) => `${base}/v1/models?limit=1000`,
    headers: (key): Record<string, string> => ({ ...(key ? { 'x-api-key': key } : {}), 'anthropic-version': '2023-06-01' }),
    parse(body, url) {
      const page = openAiList(body, () => ({}));
      // Cursor pagination: newest first, continue after the last id while has_more.
      const lastId = field(body, 'last_id');
      if (field(body, 'has_more') === true && typeof lastId === 'string' && lastId) page.next = withParam(url, 'after_id', lastId);
      return page;
    },
  },
  openai: {
    keyEnv: ['OPENAI_API_KEY'],
    keyOptional: false,
    firstUrl: (base) => `${base}/models`,
    headers: bearer,
    parse: (body) => openAiList(body, (m) => optional({ shutdownOn: day(m.shutdown_date) })),
  },
  gemini: {
    keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    keyOptional: false,
    firstUrl: (base) => `${base}/models?pageSize=1000`,
    // The header, not `?key=`: a URL ends up in messages and logs, a header does not.
    headers: (key): Record<string, string> => (key ? { 'x-goog-api-key': key } : {}),
    parse(body, url) {
      const list = field(body, 'models');
      if (!Array.isArray(list)) throw new Error('no "models" list');
      const models = list
        .filter(isRecord)
        .filter((m) => typeof m.name === 'string')
        .map((m) => ({ id: (m.name as string).replace(/^models\//, ''), ...optional({ contextWindow: positive(m.inputTokenLimit) }) }));
      const token = field(body, 'nextPageToken');
      return typeof token === 'string' && token ? { models, next: withParam(url, 'pageToken', token) } : { models };
    },
  },
  openrouter: {
    keyEnv: ['OPENROUTER_API_KEY'],
    keyOptional: true,
    firstUrl: (base) => `${base}/models`,
    headers: bearer,
    parse: (body) => openAiList(body, (m) => optional({ contextWindow: positive(m.context_length), shutdownOn: day(m.expiration_date) })),
  },
  nvidia: {
    keyEnv: ['NVIDIA_API_KEY'],
    keyOptional: true,
    firstUrl: (base) => `${base}/models`,
    headers: bearer,
    // Only ids: NIM gives no names or limits, and `created` is one constant for every model.
    parse: (body) => openAiList(body, () => ({})),
  },
};

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(v: unknown, name: string): unknown {
  return isRecord(v) ? v[name] : undefined;
}

function positive(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** A date as YYYY-MM-DD (accepts full ISO timestamps); undefined for null or anything else. */
function day(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
}

function optional<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
