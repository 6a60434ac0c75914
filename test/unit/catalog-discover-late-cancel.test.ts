import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/ipc/app-error';
import type { AirbyteClient } from '../../main/services/airbyte/airbyte-client';
import { CatalogCache } from '../../main/services/catalog/catalog-cache';
import { CatalogService } from '../../main/services/catalog/catalog-service';
import { DiscoverProgressTable } from '../../main/services/catalog/discover-progress';
import type { ProfileService } from '../../main/services/profiles/profile-service';
import { tempDir } from '../support/temp-dir';

// A Cancel that arrives after the body's last byte but before the catalog is kept still cancels:
// the cached version stays as it was (a new user saw a late Cancel silently replace the cache).

const BODY = '{"catalog":{"streams":[{"name":"users","supported_sync_modes":["full_refresh"]}]}}';

function service(controller: AbortController, cache: CatalogCache) {
  const client = {
    getWorkspace: async (id: string) => ({ id, name: 'acme' }),
    // The whole body arrives; the user's Cancel lands just after the last byte.
    discoverText: async () => {
      controller.abort(new AppError('cancelled', 'Cancelled.'));
      return { text: BODY, bytes: BODY.length, status: 200 };
    },
  } as unknown as AirbyteClient;
  const profiles = { activeProfile: async () => ({ id: 'p1' }), client: async () => client } as unknown as Pick<ProfileService, 'activeProfile' | 'client'>;
  return new CatalogService({ profiles, cache, progress: new DiscoverProgressTable() });
}

describe('catalog discover: a late Cancel', () => {
  it('after the last byte, before the store: cancelled, the cache untouched', async () => {
    const cache = new CatalogCache(tempDir('ec-late-cancel-'));
    await cache.load();
    const controller = new AbortController();
    await expect(service(controller, cache).discover({ workspaceId: 'w', sourceId: 's', requestId: 'r1' }, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(await cache.read('p1', 's')).toBeNull();
  });
});
