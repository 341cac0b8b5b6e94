import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('generated protobuf code', () => {
  it('is current: regenerating from proto/ gives the committed files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metarena-proto-'));
    try {
      execFileSync('bash', [join(ROOT, 'scripts/gen-proto.sh'), dir], { cwd: ROOT, stdio: 'pipe' });
      for (const f of ['metarena.js', 'metarena.d.ts']) {
        const fresh = readFileSync(join(dir, f), 'utf8');
        const committed = readFileSync(join(ROOT, 'src/wire/gen', f), 'utf8');
        expect(committed === fresh, `src/wire/gen/${f} is stale: run npm run proto:gen`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
