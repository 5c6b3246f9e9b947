// The command table: oclif's `explicit` command discovery (package.json `oclif.commands`) reads this
// one export instead of globbing dist/cli/commands, so the bundled CLI (scripts/bundle-cli.mjs) holds
// every command. Importing it must stay cheap: commands load heavy modules (the server, the store,
// git, the compiler) with a dynamic import inside run(), never at the top of their module.
import AccessKeyCreateCommand from './access-key/create.js';
import AccessKeyListCommand from './access-key/list.js';
import AccessKeyRevokeCommand from './access-key/revoke.js';
import AccessKeyRotateCommand from './access-key/rotate.js';
import AddSecretCommand from './add/secret.js';
import ApplyCommand from './apply.js';
import CatalogCommand from './catalog/index.js';
import CatalogRefreshCommand from './catalog/refresh.js';
import ContextDeleteCommand from './context/delete.js';
import ContextListCommand from './context/list.js';
import ContextSetNamespaceCommand from './context/set-namespace.js';
import ContextUseCommand from './context/use.js';
import CompletionCommand from './completion.js';
import CreateCommand from './create/index.js';
import CreateModelProviderCommand from './create/model-provider.js';
import CreateSecretCommand from './create/secret.js';
import DeleteCommand from './delete.js';
import DescribeCommand from './describe.js';
import ExplainCommand from './explain.js';
import GatewayEnvCommand from './gateway/env.js';
import GetCommand from './get.js';
import LoginCommand from './login.js';
import LogoutCommand from './logout.js';
import LogsCommand from './logs.js';
import PlanCommand from './plan.js';
import SchemaCommand from './schema.js';
import ServerCommand from './server.js';
import ServerExportCommand from './server/export.js';
import ServerImportCommand from './server/import.js';
import ServerMigrateCommand from './server/migrate.js';
import TokenCreateCommand from './token/create.js';
import TokenListCommand from './token/list.js';
import TokenRevokeCommand from './token/revoke.js';
import ValidateCommand from './validate.js';
import UsageCommand from './usage.js';
import VersionCommand from './version.js';

export const COMMANDS = {
  'access-key:create': AccessKeyCreateCommand,
  'access-key:list': AccessKeyListCommand,
  'access-key:revoke': AccessKeyRevokeCommand,
  'access-key:rotate': AccessKeyRotateCommand,
  'add:secret': AddSecretCommand,
  'apply': ApplyCommand,
  'catalog': CatalogCommand,
  'catalog:refresh': CatalogRefreshCommand,
  'context:delete': ContextDeleteCommand,
  'context:list': ContextListCommand,
  'context:set-namespace': ContextSetNamespaceCommand,
  'context:use': ContextUseCommand,
  'completion': CompletionCommand,
  'create': CreateCommand,
  'create:model-provider': CreateModelProviderCommand,
  'create:secret': CreateSecretCommand,
  'delete': DeleteCommand,
  'describe': DescribeCommand,
  'explain': ExplainCommand,
  'gateway:env': GatewayEnvCommand,
  'get': GetCommand,
  'login': LoginCommand,
  'logout': LogoutCommand,
  'logs': LogsCommand,
  'plan': PlanCommand,
  'schema': SchemaCommand,
  'server': ServerCommand,
  'server:export': ServerExportCommand,
  'server:import': ServerImportCommand,
  'server:migrate': ServerMigrateCommand,
  'token:create': TokenCreateCommand,
  'token:list': TokenListCommand,
  'token:revoke': TokenRevokeCommand,
  'usage': UsageCommand,
  'validate': ValidateCommand,
  'version': VersionCommand,
};
