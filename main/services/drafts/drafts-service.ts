import type { z } from 'zod';
import type { Contract } from '../../../preload/contract';
import type { ProfileService } from '../profiles/profile-service';
import type { TemplatesService } from '../templates/templates-service';
import type { SecretStoreFactory } from './draft-secrets';

type Out<M extends keyof Contract['drafts']> = z.output<Contract['drafts'][M]['output']>;
type In<M extends keyof Contract['drafts']> = NonNullable<z.output<Contract['drafts'][M]['input']>>;
type Options = { signal?: AbortSignal };

export interface DraftsServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  /** Specs (secret fields) and definitions, from the server or the offline cache. */
  templates: TemplatesService;
  userDataDir: string;
  /** EMBEDDED_CONSOLE_DRAFTS_DIR, when set: overrides the chosen folder. */
  envFolder?: string;
  /** The keychain for kept secret values (null when it is unavailable). */
  secrets: SecretStoreFactory;
  onError?: (message: string, error: unknown) => void;
}

/** SKELETON — being filled in (issue #12). */
export class DraftsService {
  constructor(private readonly deps: DraftsServiceDeps) {}
  load(): Promise<void> {
    return Promise.resolve();
  }
  get notice(): string | null {
    return null;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  private todo(): never {
    void this.deps;
    throw new Error('not implemented yet');
  }
  folder(): Promise<Out<'folder'>> { return this.todo(); }
  setFolder(_path: string): Promise<Out<'setFolder'>> { return this.todo(); }
  list(): Promise<Out<'list'>> { return this.todo(); }
  revision(): Promise<Out<'revision'>> { return this.todo(); }
  read(_file: string): Promise<Out<'read'>> { return this.todo(); }
  save(_input: In<'save'>): Promise<Out<'save'>> { return this.todo(); }
  remove(_file: string): Promise<Out<'remove'>> { return this.todo(); }
  pull(_requestId: string | undefined, _o: Options): Promise<Out<'pull'>> { return this.todo(); }
  plan(_files: string[] | undefined, _requestId: string | undefined, _o: Options): Promise<Out<'plan'>> { return this.todo(); }
  publish(_planId: string, _propagate: boolean, _requestId: string | undefined, _o: Options): Promise<Out<'publish'>> { return this.todo(); }
  progress(_requestId: string): Out<'progress'> { return this.todo(); }
  secretNames(): Promise<Out<'secrets'>> { return this.todo(); }
  setSecret(_name: string, _value: string): Promise<Out<'setSecret'>> { return this.todo(); }
  removeSecret(_name: string): Promise<Out<'removeSecret'>> { return this.todo(); }
}
