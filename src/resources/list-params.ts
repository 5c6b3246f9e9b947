/**
 * The value of a LIST's `omit` query parameter that leaves pai's last-applied annotation out of
 * every item (`GET /v1/agents?omit=last-applied`): shared by the server and the client.
 */
export const LAST_APPLIED_PARAM = 'last-applied';
