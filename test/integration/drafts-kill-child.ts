// The child of drafts-kill.test.ts: saves drafts in a loop through DraftsService (the real storage
// path) and prints one line per save the service acknowledged, until it is killed.
import { DraftsService } from '../../main/services/drafts/drafts-service';

const folder = process.argv[2] as string;
const round = process.argv[3] as string;
const service = new DraftsService({
  profiles: { activeProfile: async () => ({ id: 'kill' }) as never, client: async () => Promise.reject(new Error('offline')) },
  templates: {
    spec: async (definitionId: string) => ({ definitionId, spec: null, from: 'none' as const, secretPaths: [] }),
    definitions: async () => ({ sources: [], destinations: [], from: 'none' as const, cachedAt: null, offlineReason: null }),
    cronDescribe: async () => Promise.reject(new Error('offline')),
  },
  userDataDir: folder,
  envFolder: folder,
  secrets: async () => null,
});

const draft = (name: string, n: number) => ({
  kind: 'source_template' as const,
  name,
  actor_definition_id: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
  connector_name: 'Postgres',
  mode: 'REPLICATION' as const,
  // Big enough that a write takes a moment (more room for a kill to land mid-write).
  partial_default_config: { host: `db-${n}`, port: 5432, padding: 'x'.repeat(20_000 + (n % 7) * 1000) },
  customization: { stream_selection_mode: 'suggested' as const },
  tags: [`round-${round}`],
  server_fields: {},
});

async function main() {
  await service.load();
  for (let n = 0; ; n++) {
    // Four writers at once: new files, and overwrites of the first file of this round.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        const overwrite = lane === 0 && n > 0;
        const saved = await service.save({ file: overwrite ? `r${round}-shared.source.json` : null, draft: draft(overwrite ? 'shared' : `r${round} n${n} l${lane}`, n) });
        process.stdout.write(`saved ${saved.file}\n`);
      }),
    );
    if (n === 0) {
      const first = await service.save({ file: `r${round}-shared.source.json`, draft: draft('shared', 0) });
      process.stdout.write(`saved ${first.file}\n`);
    }
  }
}
void main();
