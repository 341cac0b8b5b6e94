/**
 * Training on a synthetic env (`metarena train --env Synthetic/<ID> --env-arg model=DIR`): an SE
 * is a proxy of `<ID>`, learned for one inner agent (Ferreira et al., ICLR 2022: an SE trains the
 * agent it was evolved with well, others less so). So the run takes from the SE's checkpoint
 * record (written by `metarena evolve se`), when there is one:
 *
 * - the learner options the SE was evolved with, as defaults under `--set`, when `--agent` is
 *   that learner (another learner keeps its own defaults);
 * - `--steps`, when not given: the env-step budget of the evolution's inner trainings;
 * - the evaluation env: greedy evaluations play the real env `<ID>` (the SE's judge, as a
 *   RewardNet run's evaluations judge the env's own reward), unless `--eval-env` says otherwise.
 */
/** What an SE checkpoint's record says about the training it was evolved for. */
export interface SyntheticTraining {
  /** The real env the SE stands for. */
  realEnv: string;
  /** The inner learner and its options, if recorded. */
  agent?: { agent: string; options: Record<string, unknown> };
  /** The inner trainings' env-step budget, if recorded. */
  trainSteps?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The training record of the SE that `envArgs.model` names, for an env of the `Synthetic/`
 * namespace; undefined for any other env, or a random SE (no `model`). The env's own make checks
 * the model (it exists, is an SE of this env) before this reads it.
 */
export async function syntheticTraining(envId: string, envArgs: Record<string, unknown>): Promise<SyntheticTraining | undefined> {
  const { SYNTHETIC_NAMESPACE, SyntheticModel } = await import('../plugins/synthetic/index.ts');
  const prefix = `${SYNTHETIC_NAMESPACE}/`;
  if (!envId.startsWith(prefix) || typeof envArgs.model !== 'string' || envArgs.model === '') return undefined;
  const model = SyntheticModel.load(envArgs.model, undefined, '--env-arg model');
  const record = isRecord(model.record) ? model.record : {};
  const out: SyntheticTraining = { realEnv: model.spec.env };
  const agent = record.agent;
  if (isRecord(agent) && typeof agent.agent === 'string' && isRecord(agent.options)) out.agent = { agent: agent.agent, options: agent.options };
  if (typeof record.trainSteps === 'number' && Number.isInteger(record.trainSteps) && record.trainSteps > 0) out.trainSteps = record.trainSteps;
  return out;
}
