// Node output for the terminal: pino lines shortened, streams split into lines, log tails.
import fs from 'node:fs';

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'msg', 'node', 'pid', 'hostname', 'req', 'res', 'responseTime', 'reqId']);

/** A node's pino line, shortened for the terminal; other lines unchanged. */
export function pretty(line) {
  if (!line.startsWith('{')) return line;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof rec !== 'object' || rec === null || typeof rec.level !== 'number') return line;
  const time = typeof rec.time === 'string' ? rec.time.slice(11, 19) : '';
  let text = `${time} ${LEVELS[rec.level] ?? rec.level} `;
  if (rec.req && rec.res) text += `${rec.req.method} ${rec.req.url} → ${rec.res.statusCode} (${rec.responseTime} ms)`;
  else text += rec.msg ?? '';
  const extra = Object.fromEntries(Object.entries(rec).filter(([k]) => !SKIP.has(k)));
  if (Object.keys(extra).length) {
    const json = JSON.stringify(extra);
    text += ` ${json.length > 400 ? `${json.slice(0, 400)}…` : json}`;
  }
  return text;
}

/** The last `n` lines of a log file, pretty-printed. */
export function tailLines(file, n) {
  try {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    return lines.slice(-n).map((l) => pretty(l));
  } catch {
    return ['(no log)'];
  }
}

/** Calls `onLine` with each complete line of a stream of chunks. */
export function lineSplitter(onLine) {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line.replace(/\r$/, ''));
  };
}
