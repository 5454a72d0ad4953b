/**
 * The server as a separate Node process, from the current sources: src/ transpiled file by file with
 * TypeScript's transpileModule (a direct dev dependency; types are not checked, tsc does that) into a folder
 * inside the repository, so that packages resolve from node_modules as they do from dist/. Seconds instead of
 * a full build.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerBuild {
  /** The command line's entry: `node <cli> serve`. */
  cli: string;
  remove(): void;
}

export function buildServer(): ServerBuild {
  const out = path.join(repo, 'data', `crash-build-${process.pid}-${randomBytes(3).toString('hex')}`);
  const src = path.join(repo, 'src');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const from = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(from);
        continue;
      }
      if (!/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) continue;
      const r = ts.transpileModule(readFileSync(from, 'utf8'), {
        fileName: from,
        reportDiagnostics: true,
        compilerOptions: {
          target: ts.ScriptTarget.ES2023,
          module: ts.ModuleKind.ESNext,
          jsx: ts.JsxEmit.ReactJSX,
          jsxImportSource: 'preact',
          esModuleInterop: true,
        },
      });
      const errors = (r.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length)
        throw new Error(
          `${from}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`,
        );
      const to = path.join(out, path.relative(src, from)).replace(/\.tsx?$/, '.js');
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, r.outputText);
    }
  };
  walk(src);
  // As bin/gongkai.js does with dist/cli.js.
  writeFileSync(
    path.join(out, 'main.js'),
    "import { main } from './cli.js';\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  return { cli: path.join(out, 'main.js'), remove: () => rmSync(out, { recursive: true, force: true }) };
}
