/** The CLI's own configuration: contexts in ~/.pai/config.json and how a command picks one. */
export { ConfigError } from './config-error.js';
export { CONFIG_FORMAT_VERSION, configPath, emptyConfig, readConfig, writeConfig, type ContextEntry, type PaiConfig } from './config-file.js';
export { credentialKinds, defaultContextName, deleteContext, logoutContext, requireContext, saveLogin, useContext } from './contexts.js';
export { requireAdminToken, resolveConnection, type Connection } from './connection.js';
export { hostOfServerUrl, normaliseServerUrl } from './server-url.js';
