import { buildLargeCatalog, type AirbyteStream } from './catalogs';
import { SandboxClock } from './clock';
import { connectorById } from './connectors';
import { notFound } from './http';
import { TokenSigner } from './jwt';
import { createSeed } from './seed';
import { live, type SandboxState, type Source, type Workspace } from './state';

interface LargeCatalog {
  streams: AirbyteStream[];
  byName: Map<string, AirbyteStream>;
  json: Buffer;
}

/** Everything a request handler touches: the state, the clock, the signer and cached catalogs. */
export class SandboxStore {
  readonly clock = new SandboxClock();
  readonly signer = new TokenSigner();
  private large: Promise<LargeCatalog> | null = null;
  private readonly connectorCatalogs = new Map<string, { streams: AirbyteStream[]; byName: Map<string, AirbyteStream>; json: Buffer }>();

  constructor(
    public state: SandboxState,
    private readonly onChange: (state: SandboxState) => void = () => undefined,
  ) {}

  /** Called after every successful mutation (persistence hooks in here). */
  changed(): void {
    this.onChange(this.state);
  }

  reset(): void {
    this.state = createSeed(this.state.seed);
    this.changed();
  }

  liveWorkspace(id: string): Workspace | undefined {
    return this.state.workspaces.find((w) => w.id === id && w.deleted_at === null);
  }

  liveWorkspaceByName(name: string): Workspace | undefined {
    return this.state.workspaces.find((w) => w.name === name && w.deleted_at === null);
  }

  liveWorkspaces(): Workspace[] {
    return live(this.state.workspaces);
  }

  source(id: string): Source {
    const found = this.state.sources.find((s) => s.id === id);
    if (!found || !this.liveWorkspace(found.workspace_id)) throw notFound('Source not found');
    return found;
  }

  /** The source's discovered catalog; the large one is built once, lazily, without blocking the loop. */
  async catalog(source: Source): Promise<{ streams: AirbyteStream[]; byName: Map<string, AirbyteStream>; json: Buffer }> {
    if (source.catalog_kind === 'large') {
      this.large ??= buildLargeCatalog().then(({ catalog, json }) => ({
        streams: catalog.streams,
        byName: new Map(catalog.streams.map((s) => [s.name, s])),
        json,
      }));
      return this.large;
    }
    let cached = this.connectorCatalogs.get(source.source_definition_id);
    if (!cached) {
      const streams = connectorById(source.source_definition_id)?.catalog() ?? [];
      cached = { streams, byName: new Map(streams.map((s) => [s.name, s])), json: Buffer.from(JSON.stringify({ catalog: { streams } })) };
      this.connectorCatalogs.set(source.source_definition_id, cached);
    }
    return cached;
  }
}
