/**
 * The text of an uploaded CSV/TSV. Excel in China saves CSV as GBK by default, elsewhere as UTF-8
 * (with a BOM when "CSV UTF-8" is chosen), so: a BOM means UTF-8; bytes that are valid UTF-8 are
 * UTF-8 (GBK text of any length is almost never valid UTF-8); anything else is read as GBK.
 */
import iconv from 'iconv-lite';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // GB18030 is the superset of GBK that iconv-lite decodes GBK with anyway; every byte string decodes.
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}
