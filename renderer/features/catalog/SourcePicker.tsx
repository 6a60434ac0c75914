import { useCatalogStore } from '../../state/store';
import { SourcePicker as SharedSourcePicker } from '../sources/SourcePicker';

/** The Catalog area's workspace → source picker (its choice lives in the catalog store). */
export function SourcePicker() {
  return <SharedSourcePicker useStore={useCatalogStore} />;
}
