/**
 * Byte counts in the unit a person reads at a glance, in decimal units ("39.0 MB" = 39,000,000 bytes)
 * as the Catalog shows them, so one download reads the same size everywhere: "12.3 MB", "850 KB", "120 B".
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return `${bytes} B`;
}
