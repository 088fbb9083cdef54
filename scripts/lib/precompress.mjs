// Precompressing a built app: next to every compressible file of dist/ (the page, the hashed
// scripts and styles, SVG, JSON) a `.br` (brotli, quality 11) and a `.gz` (gzip, level 9), kept
// only when smaller than the file. The server (server/src/http/appFiles.ts) picks the variant the
// browser accepts, so no request ever pays for compressing, and the slowest, smallest settings
// are affordable once per build.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|map|webmanifest|xml|ico)$/i;

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Writes the `.br` and `.gz` variants of dist's compressible files; returns the byte totals. */
export async function precompressDir(dir) {
  const totals = { files: 0, raw: 0, br: 0, gzip: 0 };
  const files = filesUnder(dir).filter((file) => COMPRESSIBLE.test(file));
  await Promise.all(
    files.map(async (file) => {
      const raw = await fs.promises.readFile(file);
      const size = raw.length;
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      const keep = async (suffix, body) => {
        const target = file + suffix;
        if (body.length < size) await fs.promises.writeFile(target, body);
        else await fs.promises.rm(target, { force: true });
        return Math.min(body.length, size);
      };
      totals.files += 1;
      totals.raw += size;
      totals.br += await keep('.br', br);
      totals.gzip += await keep('.gz', gz);
    }),
  );
  return totals;
}

// `node scripts/lib/precompress.mjs <dir>`: the same step by itself (the server's tests use it).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node scripts/lib/precompress.mjs <dist-dir>\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${JSON.stringify(await precompressDir(dir))}\n`);
  }
}
