import CreateSecret from '../create/secret.js';

/** `pai add secret`: the name the Pai documentation uses for `pai create secret`. */
export default class AddSecret extends CreateSecret {
  static override summary = 'Create a Secret from literal values or an env file (alias of `pai create secret`).';
  static override examples = ['<%= config.bin %> add secret anthropic-key --from-literal api-key=sk-ant-…'];
}
