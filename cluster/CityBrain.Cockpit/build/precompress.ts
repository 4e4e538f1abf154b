/// <reference types="node" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text a browser fetches on first load; images and fonts are compressed by their own formats already. */
const compressible = /\.(js|css|html|svg|json|txt)$/;

/** Writes a Brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, at the strongest settings:
 *  the host serves them as they are to browsers that accept them, so compression costs nothing per request. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'citybrain-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of filesBelow(outDir).filter((f) => compressible.test(f))) {
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

function filesBelow(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}
