import { regionExportSchema, type Region, type RegionOrUnknown } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';

export function exportText(baseUrl: string, records: Array<{ workspaceId: string; name: string | null; region: Region }>): string {
  return `${JSON.stringify({ format: 'embedded-console/workspace-regions', version: 1, baseUrl, records }, null, 2)}\n`;
}

export interface ImportPlan {
  writes: Array<[string, Region]>;
  counts: { added: number; replaced: number; kept: number; same: number };
}

/** What an import changes: new records are added; differing ones replace ours only with `overwrite`. */
export function planImport(text: string, baseUrl: string, current: (id: string) => RegionOrUnknown, overwrite: boolean): ImportPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('validation', 'That file is not JSON: choose a file exported with “Export regions”.');
  }
  const parsed = regionExportSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', 'That file is not a region export of this app: choose a file exported with “Export regions”.');
  if (parsed.data.baseUrl.replace(/\/+$/, '') !== baseUrl.replace(/\/+$/, '')) {
    throw new AppError('conflict', `These records are for ${parsed.data.baseUrl}, and this profile talks to ${baseUrl}: workspace ids differ between organizations, so nothing was imported.`);
  }
  const plan: ImportPlan = { writes: [], counts: { added: 0, replaced: 0, kept: 0, same: 0 } };
  for (const record of parsed.data.records) {
    const ours = current(record.workspaceId);
    if (ours === record.region) plan.counts.same++;
    else if (ours === 'unknown') {
      plan.counts.added++;
      plan.writes.push([record.workspaceId, record.region]);
    } else if (overwrite) {
      plan.counts.replaced++;
      plan.writes.push([record.workspaceId, record.region]);
    } else plan.counts.kept++;
  }
  return plan;
}
