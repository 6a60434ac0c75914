import path from 'node:path';
import { startSandbox } from './sandbox/server';

const USAGE = 'Usage: npm run sandbox -- [--port N] [--seed demo|large] [--data DIR] [--controls]';

function parse(argv: string[]) {
  const options: { port: number; seed: 'demo' | 'large'; dataDir?: string; controls: boolean } = { port: 0, seed: 'demo', controls: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value. ${USAGE}`);
      return value;
    };
    if (arg === '--port') {
      const value = next();
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`--port needs a number from 0 to 65535, got "${value}".`);
      options.port = Number(value);
    } else if (arg === '--seed') {
      const value = next();
      if (value !== 'demo' && value !== 'large') throw new Error(`--seed is demo or large, got "${value}".`);
      options.seed = value;
    } else if (arg === '--data') options.dataDir = path.resolve(next());
    else if (arg === '--controls') options.controls = true;
    else throw new Error(`Unknown option "${arg}". ${USAGE}`);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  const workspaces = sandbox.store.liveWorkspaces().length;
  console.log(`Airbyte Embedded sandbox listening on ${sandbox.url}`);
  console.log(
    `seed: ${options.seed} (${workspaces} workspaces); credentials: client_id "sandbox", client_secret "sandbox"; ` +
      `state: ${options.dataDir ?? 'in memory'}; test controls: ${options.controls ? 'on (/__sandbox/)' : 'off'}`,
  );
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
