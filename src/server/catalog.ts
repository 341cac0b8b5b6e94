/** Env specs for the unary calls (ListEnvs, DescribeEnv) and for made vector envs. */
import { type ArgValues, type EnvPlugin, type Registry, resolveArgs } from '../core/index.ts';
import { type EnvSpecParts, encodeEnvSpec, fromWireJsonObject, toWireJson, type v1 } from '../wire/index.ts';

/** The spec of an env plugin for the given args (default args when none). */
export function pluginSpec(plugin: EnvPlugin, given?: ArgValues): EnvSpecParts {
  const args = resolveArgs(plugin.args, given ?? {}, 'args');
  return {
    envId: plugin.id,
    description: plugin.description,
    observationSpace: plugin.observationSpace(args),
    actionSpace: plugin.actionSpace(args),
    contextSpace: plugin.contextSpace,
    maxEpisodeSteps: plugin.maxEpisodeSteps(args),
    numEnvs: 0,
    autoresetMode: undefined,
    episodesPerTrial: plugin.episodesPerTrial,
    argsSchema: plugin.args,
  };
}

export function listEnvs(registry: Registry): v1.IListEnvsResponse {
  const envs = registry
    .listEnvs()
    .slice()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => encodeEnvSpec(pluginSpec(p)));
  const wrappers = registry.listWrappers().map((w) => ({ id: w.id, description: w.description, args_schema_json: toWireJson(w.args) }));
  return { envs, wrappers };
}

export function describeEnv(registry: Registry, req: v1.IDescribeEnvRequest): v1.IEnvSpec {
  const plugin = registry.env(req.env_id ?? '');
  return encodeEnvSpec(pluginSpec(plugin, fromWireJsonObject(req.args_json, 'args_json')));
}
