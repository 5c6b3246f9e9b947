/**
 * The value of a LIST's `omit` query parameter that leaves pai's last-applied annotation out of
 * every item (`GET /v1/agents?omit=last-applied`): shared by the server and the client.
 */
export const LAST_APPLIED_PARAM = 'last-applied';

/**
 * The header of the gateway's `GET /ext/v1/models` answer that names the caller's AccessKey
 * (its name, never the key): `pai login --access-key` names the context after it.
 */
export const ACCESS_KEY_NAME_HEADER = 'x-pai-access-key';
