// The cluster's command line (README.md, "Local cluster").
import { parseCommandLine, UsageError, wholeNumber } from '../lib/cli.mjs';

export const USAGE = `usage: npm run cluster -- [--nodes N] [--port P] [--no-build] [--quiet] [--json] [--restart]

  --nodes N     how many nodes (default 2, at most 32); node i listens on PORT+i
  --port P      the balancer's port (default $PORT, else 3000)
  --no-build    do not build; fail if the server is not built
  --quiet       node output only to .data/cluster/node-<i>.log (default: also to the terminal, prefixed)
  --json        once ready, print one line {"balancer":URL,"nodes":[{"id","url","pid"}]} on stdout;
                every other line then goes to stderr
  --restart     restart a node that died, after 1 s (default: log it and carry on)
  -h, --help    this text
`;

const OPTIONS = {
  nodes: { type: 'string' },
  port: { type: 'string' },
  'no-build': { type: 'boolean' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  restart: { type: 'boolean' },
};

/** The options, checked; prints the usage and exits on --help or a bad command line. */
export function parseClusterArgs(argv, env = process.env) {
  let opts;
  parseCommandLine({
    name: 'cluster',
    usage: USAGE,
    argv,
    options: OPTIONS,
    check: (values) => {
      const nodes = values.nodes === undefined ? 2 : wholeNumber('nodes', values.nodes, { min: 1, max: 32 });
      const port = values.port === undefined ? Number(env.PORT || 3000) : Number(values.port);
      if (!Number.isInteger(port) || port < 1 || port + nodes > 65535) {
        throw new UsageError(`--port must leave room for ${nodes} node ports below 65536`);
      }
      opts = {
        nodes,
        port,
        build: !values['no-build'],
        quiet: Boolean(values.quiet),
        json: Boolean(values.json),
        restart: Boolean(values.restart),
      };
    },
  });
  return opts;
}
