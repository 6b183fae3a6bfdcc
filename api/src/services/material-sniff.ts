/** A file type recognised from its first bytes: the extension and MIME type Herald stores. */
export interface SniffedType {
  ext: string;
  mime: string;
}

const ascii = (bytes: Buffer, at: number, text: string) =>
  bytes.length >= at + text.length && bytes.toString('latin1', at, at + text.length) === text;
const startsWith = (bytes: Buffer, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** ISO base media (MP4 family) major brands, by what Herald calls them. */
function isoBrand(bytes: Buffer): SniffedType | undefined {
  if (!ascii(bytes, 4, 'ftyp') || bytes.length < 12) return undefined;
  const brand = bytes.toString('latin1', 8, 12);
  if (brand === 'M4A ' || brand === 'M4B ') return { ext: 'm4a', mime: 'audio/mp4' };
  if (brand === 'qt  ') return { ext: 'mov', mime: 'video/quicktime' };
  if (brand.startsWith('3gp') || brand.startsWith('3g2')) return { ext: '3gpp', mime: 'video/3gpp' };
  if (/^(isom|iso[2-9]|mp41|mp42|avc1|M4V |dash|mmp4|MSNV|f4v )$/.test(brand)) return { ext: 'mp4', mime: 'video/mp4' };
  return undefined;
}

/** MPEG audio: an ID3 tag, or a frame header (11 sync bits, MPEG version and layer not reserved). */
function isMp3(bytes: Buffer): boolean {
  if (ascii(bytes, 0, 'ID3')) return true;
  if (bytes.length < 3 || bytes[0] !== 0xff) return false;
  const b1 = bytes[1]!;
  return (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) !== 0x00 && ((bytes[2]! >> 4) & 0x0f) !== 0x0f;
}

/**
 * The real type of an upload from its magic numbers (never from its name). Covers what WeChat,
 * WeCom and email take: images (png, jpeg, gif, bmp), audio (mp3, wma, wav, amr, m4a, ogg, aac),
 * video (mp4, mov, 3gpp, webm), pdf and vCard. Anything else is `undefined`.
 */
export function sniffType(bytes: Buffer): SniffedType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: 'png', mime: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ext: 'jpg', mime: 'image/jpeg' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return { ext: 'gif', mime: 'image/gif' };
  // BMP: "BM", then the DIB header's size at offset 14 is one of the defined header sizes.
  if (ascii(bytes, 0, 'BM') && bytes.length >= 18 && [12, 40, 52, 56, 64, 108, 124].includes(bytes.readUInt32LE(14)))
    return { ext: 'bmp', mime: 'image/bmp' };
  if (ascii(bytes, 0, '%PDF-')) return { ext: 'pdf', mime: 'application/pdf' };
  if (/^(\xef\xbb\xbf)?BEGIN:VCARD\r?\n/i.test(bytes.toString('latin1', 0, 16)))
    return { ext: 'vcf', mime: 'text/vcard' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return { ext: 'wav', mime: 'audio/wav' };
  if (ascii(bytes, 0, '#!AMR\n') || ascii(bytes, 0, '#!AMR-WB\n')) return { ext: 'amr', mime: 'audio/amr' };
  // ASF container (Windows Media); as an upload of audio it is wma.
  if (
    startsWith(bytes, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c])
  )
    return { ext: 'wma', mime: 'audio/x-ms-wma' };
  if (ascii(bytes, 0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && bytes.subarray(0, 64).includes('webm'))
    return { ext: 'webm', mime: 'video/webm' };
  const iso = isoBrand(bytes);
  if (iso) return iso;
  // AAC in ADTS frames: 12 sync bits, layer 00.
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0) return { ext: 'aac', mime: 'audio/aac' };
  if (isMp3(bytes)) return { ext: 'mp3', mime: 'audio/mpeg' };
  return undefined;
}
