/**
 * Jest transform for the apps' code: TypeScript is stripped, `.svelte.ts`/`.svelte.js` modules
 * (runes: $state, $derived) go through Svelte's compileModule for the client, and the ES
 * modules that result (and Svelte's own runtime, which ships as ESM) become CommonJS for Jest.
 */
import crypto from 'node:crypto';
import { VERSION, compileModule } from 'svelte/compiler';
import ts from 'typescript';

const strip = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false };
const toCommonJs = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  allowJs: true,
  sourceMap: false,
};

export default {
  process(source, filename) {
    let code = source;
    if (filename.endsWith('.ts')) {
      code = ts.transpileModule(code, { compilerOptions: strip, fileName: filename }).outputText;
    }
    if (/\.svelte\.[jt]s$/.test(filename)) {
      code = compileModule(code, { filename, generate: 'client', dev: false }).js.code;
    }
    code = ts.transpileModule(code, { compilerOptions: toCommonJs, fileName: filename.replace(/\.ts$/, '.js') }).outputText;
    return { code };
  },

  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(VERSION).update(ts.version).update(filename).update(source).digest('hex');
  },
};
