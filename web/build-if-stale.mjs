// Builds the web app (web/dist) unless it is newer than every source file: `npm start` runs this,
// so a fresh clone serves a working site and a restart does not wait for a build it already has.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const web = path.dirname(new URL(import.meta.url).pathname);
const stamp = path.join(web, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(web, p));

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= Math.max(...sources.map(newest))) process.exit(0);
console.log('building the web app (web/dist)...');
const built = spawnSync(process.execPath, [path.join(web, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
process.exit(built.status ?? 1);
