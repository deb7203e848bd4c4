// One-off generator for the CJK subset fonts that the email widget image (next/og / satori) loads
// from assets/fonts/. satori needs TTF/OTF/WOFF (not WOFF2, not TTC) and the widget must never fetch
// fonts at render time, so the subsets are committed; re-run this script when messages/*.json gains
// characters (every code point of every string there is added to each subset).
//
// The source fonts come from Debian packages and subsetting uses the npm package `subset-font`
// (harfbuzz wasm), neither of which is a dependency of the app. Exact command, from the repo root:
//
//   apt-get update && apt-get install -y fonts-ipafont-gothic fonts-nanum fonts-droid-fallback
//   mkdir -p /tmp/subset && (cd /tmp/subset && npm init -y && npm i subset-font@2.9.0)
//   NODE_PATH=/tmp/subset/node_modules node scripts/subset-fonts.mjs
//
// Instead of NODE_PATH, SUBSET_FONT_MODULE may name the package directory or its entry file.
// Source font paths can be overridden with CJK_FONT_JA, CJK_FONT_ZH and CJK_FONT_KO (for instance
// CJK_FONT_ZH=/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf from fonts-arphic-gbsn00lp, a
// serif face that has ASCII); the output directory with CJK_FONTS_OUT. Each output gets its
// licence next to it as LICENSE-<package>.txt, copied from /usr/share/doc/<package>/copyright
// (package found with dpkg -S; CJK_LICENSE_JA/_ZH/_KO name another licence file to copy instead).
//
// Sources and licences: ja IPAPGothic (fonts-ipafont-gothic, IPA Font License 1.0); zh Droid Sans
// Fallback (fonts-droid-fallback, Apache-2.0; it has no Latin glyphs, which the widget takes from
// DejaVu Sans); ko NanumGothic (fonts-nanum, SIL OFL 1.1).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// IPAPGothic (proportional Latin and kana) rather than the fixed-pitch IPAGothic (ipag.ttf).
const FONT_JA = process.env.CJK_FONT_JA || '/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf'; // fonts-ipafont-gothic
// A sans face like the ja and ko ones: the widget falls back from font to font glyph by glyph, so a
// Chinese line mixes hanzi from cjk-ja.ttf and cjk-zh.ttf and a serif zh face would show.
const FONT_ZH = process.env.CJK_FONT_ZH || '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'; // fonts-droid-fallback
const FONT_KO = process.env.CJK_FONT_KO || '/usr/share/fonts/truetype/nanum/NanumGothic.ttf'; // fonts-nanum

// Licence file names of the packages, and licence texts that a package's copyright file only names.
const LICENSE_NAMES = { 'fonts-ipafont-gothic': 'ipafont', 'fonts-nanum': 'nanum' };
const EXTRA_LICENSE_TEXTS = { 'fonts-droid-fallback': ['/usr/share/common-licenses/Apache-2.0'] };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.env.CJK_FONTS_OUT || join(root, 'assets/fonts'));
const messagesDir = join(root, 'messages');

// createRequire honours NODE_PATH (a bare ESM import would not).
const require = createRequire(import.meta.url);
let subsetFont;
try {
  subsetFont = require(
    process.env.SUBSET_FONT_MODULE ? resolve(process.env.SUBSET_FONT_MODULE) : 'subset-font',
  );
} catch (err) {
  console.error(
    'Cannot load subset-font. Install it outside the repo and run with ' +
      'NODE_PATH=/tmp/subset/node_modules (see the top of this script).\n' +
      err.message,
  );
  process.exit(1);
}

/** Code points lo..hi inclusive. */
function range(lo, hi) {
  const out = [];
  for (let cp = lo; cp <= hi; cp++) out.push(cp);
  return out;
}

/**
 * Characters of a double-byte legacy charset: decodes every lead byte leadLo..leadHi with the trail
 * bytes `trails` (0xA1..0xFE unless given; the last row stops at lastTrail), keeping the single
 * characters that decode cleanly.
 */
function decodeRows(encoding, leadLo, leadHi, lastTrail = 0xfe, trails = range(0xa1, 0xfe)) {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const out = [];
  for (let lead = leadLo; lead <= leadHi; lead++) {
    for (const trail of trails) {
      if (lead === leadHi && trail > lastTrail) break;
      let s;
      try {
        s = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      const cps = [...s];
      if (cps.length === 1 && s !== '\ufffd') out.push(s.codePointAt(0));
    }
  }
  return out;
}

/** Every code point of every string value in messages/*.json. */
function messageCodePoints() {
  const cps = new Set();
  const walk = (v) => {
    if (typeof v === 'string') for (const ch of v) cps.add(ch.codePointAt(0));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const f of readdirSync(messagesDir).sort()) {
    if (f.endsWith('.json')) walk(JSON.parse(readFileSync(join(messagesDir, f), 'utf8')));
  }
  return [...cps];
}

const ASCII = range(0x20, 0x7e);
const CJK_PUNCT = range(0x3000, 0x303f);
const HIRAGANA = range(0x3040, 0x309f);
const KATAKANA = range(0x30a0, 0x30ff);
const FULLWIDTH = range(0xff00, 0xffef);
// JIS X 0208 level-1 kanji (rows 16–47, 2,965 characters) hold all but 34 of the 2,136 Jōyō kanji.
const JIS_LEVEL1 = decodeRows('euc-jp', 0xb0, 0xcf, 0xd3);
// The other 34 Jōyō kanji (2010 list; 30 are JIS level 2, 𠮟 塡 剝 頰 only in JIS X 0213), found by
// diffing JIS_LEVEL1 against the npm package joyo-kanji@0.2.1 (MIT, from x0213.org's Jōyō table).
const JOYO_NOT_IN_LEVEL1 = [...'曖彙鬱楷諧毀嗅惧憬錮傲刹恣摯𠮟羞箋踪緻嘲塡貪丼剝訃璧哺頰喩瘍拉辣慄籠'].map(
  (c) => c.codePointAt(0),
);
// GB2312 level-1 hanzi (3,755 characters).
const GB2312_LEVEL1 = decodeRows('gbk', 0xb0, 0xd7, 0xf9);
// Big5's frequently used hanzi (level 1, 5,401 characters: both trail ranges) for Traditional
// Chinese (zh-TW), in the same Droid Sans Fallback subset.
const BIG5_LEVEL1 = decodeRows('big5', 0xa4, 0xc6, 0x7e, [...range(0x40, 0x7e), ...range(0xa1, 0xfe)]);
// KS X 1001 Hangul syllables (2,350 characters).
const KSX1001_HANGUL = decodeRows('euc-kr', 0xb0, 0xc8);
const MESSAGES = messageCodePoints();

// The licences forbid modified fonts to keep the original names (IPA Font License art. 3.1(4); the
// Reserved Font Names of Nanum's OFL; Droid is a Google trademark), so each subset gets its own.
const targets = [
  {
    out: 'cjk-ja.ttf',
    family: 'Order Portal CJK JA',
    src: FONT_JA,
    license: process.env.CJK_LICENSE_JA,
    sets: { ASCII, CJK_PUNCT, HIRAGANA, KATAKANA, FULLWIDTH, JIS_LEVEL1, JOYO_NOT_IN_LEVEL1, MESSAGES },
  },
  {
    out: 'cjk-zh.ttf',
    family: 'Order Portal CJK ZH',
    src: FONT_ZH,
    license: process.env.CJK_LICENSE_ZH,
    sets: { ASCII, CJK_PUNCT, FULLWIDTH, GB2312_LEVEL1, BIG5_LEVEL1, MESSAGES },
  },
  {
    out: 'cjk-ko.ttf',
    family: 'Order Portal CJK KO',
    src: FONT_KO,
    license: process.env.CJK_LICENSE_KO,
    sets: { ASCII, CJK_PUNCT, KSX1001_HANGUL, MESSAGES },
  },
];

/** Offsets of the tables of an sfnt font, by tag. */
function tables(buf) {
  const n = buf.readUInt16BE(4);
  const t = {};
  for (let i = 0; i < n; i++) {
    const rec = 12 + 16 * i;
    t[buf.toString('latin1', rec, rec + 4)] = buf.readUInt32BE(rec + 8);
  }
  return t;
}

/** Sum of the big-endian uint32 words of buf (zero-padded to 4 bytes), as the sfnt checksum. */
function checksum(buf) {
  const padded = Buffer.concat([buf, Buffer.alloc((4 - (buf.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/**
 * Renames a TrueType font: replaces name IDs 1, 3, 4 and 6 (family, unique ID, full name, PostScript
 * name) and drops 16–18 and 21–22 (typographic and WWS names), sets ID 2 to Regular and ID 10
 * (description) to `description`, and keeps every other record (copyright, version, trademark,
 * licence) as it was. Rebuilds the table directory, table checksums and head.checkSumAdjustment.
 */
function renameFont(font, family, description) {
  const dir = tables(font);
  const numTables = font.readUInt16BE(4);
  const lengths = {};
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    lengths[font.toString('latin1', rec, rec + 4)] = font.readUInt32BE(rec + 12);
  }
  const data = Object.fromEntries(
    Object.keys(dir).map((tag) => [tag, Buffer.from(font.subarray(dir[tag], dir[tag] + lengths[tag]))]),
  );

  const name = data.name;
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  const records = [];
  let version = '';
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const [platformID, encodingID, languageID, nameID, length, offset] = [0, 2, 4, 6, 8, 10].map((k) =>
      name.readUInt16BE(r + k),
    );
    const raw = name.subarray(strings + offset, strings + offset + length);
    if (nameID === 5 && platformID === 3) version = Buffer.from(raw).swap16().toString('utf16le');
    if ([1, 2, 3, 4, 6, 10, 16, 17, 18, 21, 22].includes(nameID)) continue;
    records.push({ platformID, encodingID, languageID, nameID, raw });
  }
  const postScript = `${family.replace(/[^A-Za-z0-9]/g, '')}-Regular`;
  const replaced = {
    1: family,
    2: 'Regular',
    3: `${postScript};${version}`,
    4: family,
    6: postScript,
    10: description,
  };
  for (const [nameID, text] of Object.entries(replaced)) {
    const raw = Buffer.from(text, 'utf16le').swap16();
    records.push({ platformID: 3, encodingID: 1, languageID: 0x409, nameID: Number(nameID), raw });
  }
  records.sort(
    (a, b) =>
      a.platformID - b.platformID ||
      a.encodingID - b.encodingID ||
      a.languageID - b.languageID ||
      a.nameID - b.nameID,
  );
  const header = Buffer.alloc(6 + 12 * records.length);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(records.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach((rec, i) => {
    const r = 6 + 12 * i;
    [rec.platformID, rec.encodingID, rec.languageID, rec.nameID, rec.raw.length, offset].forEach((v, k) =>
      header.writeUInt16BE(v, r + 2 * k),
    );
    offset += rec.raw.length;
  });
  data.name = Buffer.concat([header, ...records.map((rec) => rec.raw)]);

  // Lay the tables out again, sorted by tag, each 4-byte aligned.
  const tags = Object.keys(data).sort();
  data.head.writeUInt32BE(0, 8);
  const dirLength = 12 + 16 * tags.length;
  const parts = [Buffer.from(font.subarray(0, 12)), Buffer.alloc(16 * tags.length)];
  let pos = dirLength;
  tags.forEach((tag, i) => {
    const rec = 12 + 16 * i;
    parts[1].write(tag, rec - 12, 'latin1');
    parts[1].writeUInt32BE(checksum(data[tag]), rec - 12 + 4);
    parts[1].writeUInt32BE(pos, rec - 12 + 8);
    parts[1].writeUInt32BE(data[tag].length, rec - 12 + 12);
    const pad = (4 - (data[tag].length % 4)) % 4;
    parts.push(data[tag], Buffer.alloc(pad));
    pos += data[tag].length + pad;
  });
  const out = Buffer.concat(parts);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, tables(out).head + 8);
  return out;
}

/** Code points mapped to a non-zero glyph by a cmap subtable of format 4 or 12. */
function mappedCodePoints(buf) {
  const cmap = tables(buf).cmap;
  const cps = new Set();
  const numSub = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < numSub; i++) {
    const platform = buf.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = buf.readUInt16BE(cmap + 6 + 8 * i);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const st = cmap + buf.readUInt32BE(cmap + 8 + 8 * i);
    const format = buf.readUInt16BE(st);
    if (format === 4) {
      const segX2 = buf.readUInt16BE(st + 6);
      const ends = st + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const rangeOffs = deltas + segX2;
      for (let s = 0; s < segX2; s += 2) {
        const end = buf.readUInt16BE(ends + s);
        const start = buf.readUInt16BE(starts + s);
        const delta = buf.readUInt16BE(deltas + s);
        const ro = buf.readUInt16BE(rangeOffs + s);
        for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
          let gid;
          if (ro === 0) gid = (cp + delta) & 0xffff;
          else {
            const g = buf.readUInt16BE(rangeOffs + s + ro + 2 * (cp - start));
            gid = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (gid) cps.add(cp);
        }
      }
    } else if (format === 12) {
      const groups = buf.readUInt32BE(st + 12);
      for (let g = 0; g < groups; g++) {
        const rec = st + 16 + 12 * g;
        const start = buf.readUInt32BE(rec);
        const end = buf.readUInt32BE(rec + 4);
        const gid = buf.readUInt32BE(rec + 8);
        for (let cp = start; cp <= end; cp++) if (gid + (cp - start)) cps.add(cp);
      }
    }
  }
  return cps;
}

/** Text wrapped at 78 columns. */
function wrap(text) {
  const lines = [''];
  for (const word of text.split(' ')) {
    const line = lines[lines.length - 1];
    if (line && line.length + 1 + word.length > 78) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.join('\n');
}

/** The Debian package that installed file, and its version, or undefined off Debian. */
function debianPackage(file) {
  try {
    const pkg = execFileSync('dpkg', ['-S', file], { encoding: 'utf8' }).split(':')[0].trim();
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
    return { pkg, version };
  } catch {
    return undefined;
  }
}

/**
 * Writes the licence of the source font next to the subset, under a notice of what was changed and
 * how to get the original (the IPA Font License, Apache-2.0 and the Arphic Public License ask for
 * notices of changes; IPA also for a way to replace the derived font with the original).
 */
function writeLicense({ out, family, src, license }) {
  const deb = debianPackage(src);
  const name = deb ? (LICENSE_NAMES[deb.pkg] ?? deb.pkg.replace(/^fonts-/, '')) : basename(src, '.ttf');
  const texts = license
    ? [license]
    : deb
      ? [`/usr/share/doc/${deb.pkg}/copyright`, ...(EXTRA_LICENSE_TEXTS[deb.pkg] ?? [])]
      : [];
  if (!texts.length) throw new Error(`No licence found for ${src}: set the CJK_LICENSE_* variable`);
  const notice = wrap(
    `${out} ("${family}") is a modified version of ${basename(src)}` +
      (deb ? `, from the Debian package ${deb.pkg} ${deb.version}. ` : '. ') +
      `Changes, made on ${new Date().toISOString().slice(0, 10)} by scripts/subset-fonts.mjs: ` +
      'subset to the characters the order status portal needs, TrueType hinting removed, renamed ' +
      '(name IDs 1-4, 6 and 10). To use the original font instead, install that package and replace ' +
      `${out} with ${src}, or re-run the script with a larger character set. The licence of the ` +
      `original font, which also covers ${out}, follows (from ${texts.join(' and ')}).`,
  );
  const body = texts.map((t) => readFileSync(t, 'utf8').trimEnd()).join('\n\n' + '='.repeat(72) + '\n\n');
  const file = `LICENSE-${name}.txt`;
  writeFileSync(join(outDir, file), `${notice}\n\n${'='.repeat(72)}\n\n${body}\n`);
  return file;
}

const fmtCps = (cps) =>
  cps
    .slice(0, 20)
    .map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ') + (cps.length > 20 ? ` … (+${cps.length - 20})` : '');

mkdirSync(outDir, { recursive: true });
console.log(`messages/*.json: ${MESSAGES.length} distinct characters`);
for (const target of targets) {
  const { out, family, src, sets } = target;
  const wanted = new Set(Object.values(sets).flat());
  const text = String.fromCodePoint(...[...wanted].sort((a, b) => a - b));
  const source = readFileSync(src);
  const subsetted = await subsetFont(source, text, {
    targetFormat: 'truetype',
    // satori draws outlines and ignores TrueType hinting: dropping it roughly halves the size.
    noHinting: true,
    // Keep copyright, names, version, trademark, licence description and licence URL.
    preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14],
  });
  const subset = renameFont(
    subsetted,
    family,
    `Subset of ${basename(src)} made by scripts/subset-fonts.mjs of the order status portal; ` +
      'renamed, TrueType hinting removed. See the LICENSE-*.txt file next to it.',
  );
  writeFileSync(join(outDir, out), subset);
  const licenseFile = writeLicense(target);

  const numGlyphs = subset.readUInt16BE(tables(subset).maxp + 4);
  const mapped = mappedCodePoints(subset);
  const missing = [...wanted].filter((cp) => !mapped.has(cp)).sort((a, b) => a - b);
  const sourceMapped = mappedCodePoints(source);
  // Requested characters that the source font has but the subset lost would be a bug.
  const lost = missing.filter((cp) => sourceMapped.has(cp));
  console.log(
    `${out}: ${subset.length} bytes (${(subset.length / 1024 / 1024).toFixed(2)} MiB), ${numGlyphs} glyphs, ` +
      `${mapped.size} mapped code points; from ${src} (${source.length} bytes); licence in ${licenseFile}`,
  );
  for (const [name, cps] of Object.entries(sets)) {
    const miss = cps.filter((cp) => !mapped.has(cp));
    console.log(`  ${name.padEnd(18)} ${cps.length - miss.length}/${cps.length}`);
  }
  if (missing.length) console.log(`  not in the source font (${missing.length}): ${fmtCps(missing)}`);
  if (lost.length) {
    console.error(`  ERROR: ${lost.length} characters of the source font were dropped: ${fmtCps(lost)}`);
    process.exitCode = 1;
  }
}
