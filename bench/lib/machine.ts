import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string | null;
}

/** What the numbers were measured on. PostgreSQL's version comes from the benchmark, if it used one. */
export function describeMachine(postgres: string | null): Machine {
  return {
    cpu: cpuModel() ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres,
  };
}

/**
 * Virtual machines often report a bare "AMD EPYC" as the model name; the family and model numbers
 * from /proc/cpuinfo are kept beside it so the generation can still be told.
 */
function cpuModel(): string | null {
  let text: string;
  try {
    text = fs.readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const model = field('model name');
  if (!model) return null;
  const family = field('cpu family');
  const number = field('model');
  return family && number ? `${model} (family ${family}, model ${number})` : model;
}
