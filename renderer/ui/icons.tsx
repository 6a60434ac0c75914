import { Braces, Copy, Download, Eraser, FileStack, KeyRound, Info, LayoutGrid, ListTree, PanelsTopLeft, Pencil, PlugZap, Plus, RefreshCw, Search, Trash2, Upload, X, type LucideIcon } from 'lucide-react';
import type { AreaId } from '../state/areas';

/**
 * The app's icon set: lucide icons at one size and stroke, always decorative. A control's accessible
 * name is its text label (e2e tests and screen readers find controls by it), so every icon is
 * `aria-hidden` and never focusable. An icon may stand alone only on a button that has an
 * `aria-label` (the close buttons); everywhere else it sits beside the visible label.
 */
function decorative(Icon: LucideIcon) {
  return function ActionIcon({ size = 14 }: { size?: number }) {
    return <Icon size={size} strokeWidth={2} aria-hidden="true" focusable="false" className="icon-glyph" />;
  };
}

export const ClearIcon = decorative(Eraser);
export const CloseIcon = decorative(X);
export const CredentialsIcon = decorative(KeyRound);
export const CopyIcon = decorative(Copy);
export const DeleteIcon = decorative(Trash2);
export const EditIcon = decorative(Pencil);
export const ExportIcon = decorative(Download);
export const ImportIcon = decorative(Upload);
export const NewIcon = decorative(Plus);
export const RefreshIcon = decorative(RefreshCw);
export const SearchIcon = decorative(Search);
export const TestConnectionIcon = decorative(PlugZap);

/** One icon per sidebar area, beside its label. */
export const AREA_ICONS: Record<AreaId, (props: { size?: number }) => React.JSX.Element> = {
  workspaces: decorative(LayoutGrid),
  catalog: decorative(Braces),
  streams: decorative(ListTree),
  templates: decorative(FileStack),
  widget: decorative(PanelsTopLeft),
  about: decorative(Info),
};
