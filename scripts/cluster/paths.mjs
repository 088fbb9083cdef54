// Where the cluster keeps its state: .data/cluster/ (pid files, logs, generated nginx folder).
import path from 'node:path';
import { root } from '../lib/process.mjs';

export const clusterDir = path.join(root, '.data', 'cluster');
export const nginxDir = path.join(clusterDir, 'nginx');
export const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(root, '.data');
export const lockFile = path.join(clusterDir, 'cluster.pid');
export const redisPidFile = path.join(clusterDir, 'redis.pid');
export const serverMain = path.join(root, 'server', 'dist', 'main.js');
export const nodePidFile = (i) => path.join(clusterDir, `node-${i}.pid`);
export const nodeLogFile = (i) => path.join(clusterDir, `node-${i}.log`);

/** A path as the user would type it from where they ran the script. */
export const rel = (p) => path.relative(process.cwd(), p) || '.';
