/** CSV is sent as text, XLSX as base64, as the import endpoint expects. */
export function importFormat(fileName: string): 'csv' | 'xlsx' | null {
  const n = fileName.toLowerCase();
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  if (n.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/** Decodes CSV bytes: UTF-8 (with or without BOM), else GB18030 — what Excel in China saves by default. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
