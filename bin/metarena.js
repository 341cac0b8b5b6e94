#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step.
import { register } from 'tsx/esm/api';

// a closed pipe (`metarena rollout … | head`) ends the output, not with a crash
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv);
