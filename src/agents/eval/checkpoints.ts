/** Per-agent eval checkpoints as JSON files in `DIR/checkpoints/`, written atomically. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentCheckpoint, Checkpoints } from './evaluate.ts';
import { writeAtomic } from './report.ts';

const fileName = (label: string) => `${label.replace(/[^A-Za-z0-9._=-]/g, '_')}.json`;

export function fileCheckpoints(dir: string): Checkpoints {
  const root = join(dir, 'checkpoints');
  return {
    load(label) {
      const path = join(root, fileName(label));
      if (!existsSync(path)) return undefined;
      try {
        const state = JSON.parse(readFileSync(path, 'utf8')) as AgentCheckpoint & { label?: string };
        return state.label === label ? state : undefined;
      } catch {
        return undefined; // unreadable: start the agent again
      }
    },
    save(label, state) {
      mkdirSync(root, { recursive: true });
      writeAtomic(join(root, fileName(label)), JSON.stringify({ label, ...state }));
    },
  };
}
