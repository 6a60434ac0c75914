import type { z } from 'zod';
import type { Contract } from '../../../preload/contract';
import type { CatalogCache } from '../catalog/catalog-cache';
import type { ProfileService } from '../profiles/profile-service';

type Out<M extends keyof Contract['templates']> = z.output<Contract['templates'][M]['output']>;
type In<M extends keyof Contract['templates']> = z.output<Contract['templates'][M]['input']>;
type Options = { signal?: AbortSignal };

export interface TemplatesServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  catalogCache: CatalogCache;
  /** The definitions and spec cache lives here (`connector-cache.json`). */
  userDataDir: string;
  onError?: (message: string, error: unknown) => void;
}

/** SKELETON — being filled in (issue #12). */
export class TemplatesService {
  constructor(private readonly deps: TemplatesServiceDeps) {}
  load(): Promise<void> {
    return Promise.resolve();
  }
  get notice(): string | null {
    return null;
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  private todo(): never {
    void this.deps;
    throw new Error('not implemented yet');
  }
  sourceList(_input: Omit<In<'sourceList'>, 'requestId'>, _o: Options): Promise<Out<'sourceList'>> { return this.todo(); }
  sourceGet(_id: string, _o: Options): Promise<Out<'sourceGet'>> { return this.todo(); }
  sourceCreate(_input: In<'sourceCreate'>): Promise<Out<'sourceCreate'>> { return this.todo(); }
  sourceClone(_input: In<'sourceClone'>): Promise<Out<'sourceClone'>> { return this.todo(); }
  sourceUpdate(_input: In<'sourceUpdate'>): Promise<Out<'sourceUpdate'>> { return this.todo(); }
  sourceDelete(_id: string): Promise<Out<'sourceDelete'>> { return this.todo(); }
  sourceTag(_input: In<'sourceTag'>): Promise<Out<'sourceTag'>> { return this.todo(); }
  connectionList(_input: Omit<In<'connectionList'>, 'requestId'>, _o: Options): Promise<Out<'connectionList'>> { return this.todo(); }
  connectionGet(_id: string, _o: Options): Promise<Out<'connectionGet'>> { return this.todo(); }
  connectionCreate(_input: In<'connectionCreate'>): Promise<Out<'connectionCreate'>> { return this.todo(); }
  connectionUpdate(_input: In<'connectionUpdate'>): Promise<Out<'connectionUpdate'>> { return this.todo(); }
  connectionDelete(_id: string): Promise<Out<'connectionDelete'>> { return this.todo(); }
  connectionTag(_input: In<'connectionTag'>): Promise<Out<'connectionTag'>> { return this.todo(); }
  definitions(_o: Options): Promise<Out<'definitions'>> { return this.todo(); }
  spec(_definitionId: string, _o: Options): Promise<Out<'spec'>> { return this.todo(); }
  catalogStreams(_definitionId: string): Promise<Out<'catalogStreams'>> { return this.todo(); }
  cronDescribe(_expression: string, _o: Options): Promise<Out<'cronDescribe'>> { return this.todo(); }
  tags(_o: Options): Promise<Out<'tags'>> { return this.todo(); }
  tagCreate(_name: string): Promise<Out<'tagCreate'>> { return this.todo(); }
  tagRename(_name: string, _newName: string): Promise<Out<'tagRename'>> { return this.todo(); }
  tagDelete(_name: string): Promise<Out<'tagDelete'>> { return this.todo(); }
}
