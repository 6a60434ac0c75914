/** A file to offer the user: its name, type and text. */
export interface DownloadFile {
  fileName: string;
  mimeType: string;
  text: string;
}

/**
 * Offers the file as a download (the browser shell; Electron shows its save dialog for downloads).
 * Apart from the formatters (pure, tested under Node), as it is the one piece that needs a document.
 */
export function downloadFile(file: DownloadFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
