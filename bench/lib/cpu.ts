import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU accounting from /proc (Linux only), to tell where a run's CPU went on a small machine:
 * this process, its descendants (the load generator, an embedded PostgreSQL and its backends),
 * and everything else. "Everything else" is the check that nobody else was using the machine.
 */
export interface CpuSnapshot {
  atNs: bigint;
  selfUs: number;
  /** Ticks of another process tree of ours (a spawned server and its workers), when asked for. */
  otherTreeTicks: number | null;
  /** Ticks of this process and all its descendants, including reaped children. */
  treeTicks: number | null;
  /** Ticks all processes spent (user, nice, system), and all ticks, machine-wide. */
  machine: { busyTicks: number; totalTicks: number } | null;
}

export interface CpuSpent {
  /** Each as a percentage of one core over the interval. */
  selfPercent: number;
  /** The tree of the pid given to cpuSnapshot (part of descendantsPercent too). */
  otherTreePercent: number | null;
  descendantsPercent: number | null;
  otherPercent: number | null;
}

const TICKS_PER_S = clockTicks();

export function cpuSnapshot(otherRootPid?: number): CpuSnapshot {
  return {
    atNs: process.hrtime.bigint(), selfUs: cpuUs(process.cpuUsage()), treeTicks: treeTicks(process.pid),
    otherTreeTicks: otherRootPid === undefined ? null : treeTicks(otherRootPid), machine: machineTicks(),
  };
}

export function cpuSince(before: CpuSnapshot, otherRootPid?: number): CpuSpent {
  const after = cpuSnapshot(otherRootPid);
  const wallS = Number(after.atNs - before.atNs) / 1e9;
  const selfPercent = ((after.selfUs - before.selfUs) / 1e6 / wallS) * 100;
  const otherTreePercent = before.otherTreeTicks === null || after.otherTreeTicks === null ? null : ((after.otherTreeTicks - before.otherTreeTicks) / TICKS_PER_S / wallS) * 100;
  if (before.treeTicks === null || after.treeTicks === null || !before.machine || !after.machine) {
    return { selfPercent, otherTreePercent, descendantsPercent: null, otherPercent: null };
  }
  const treePercent = ((after.treeTicks - before.treeTicks) / TICKS_PER_S / wallS) * 100;
  const machinePercent = ((after.machine.busyTicks - before.machine.busyTicks) / TICKS_PER_S / wallS) * 100;
  return {
    selfPercent,
    otherTreePercent,
    descendantsPercent: Math.max(0, treePercent - selfPercent),
    otherPercent: Math.max(0, machinePercent - treePercent),
  };
}

function cpuUs(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** user+system (and reaped children's) ticks of a pid, and its parent pid, from /proc/<pid>/stat. */
function readStat(pid: string): { ppid: number; ticks: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // Exited between listing and reading.
  }
  // The command name is in parentheses and may itself contain spaces; fields follow the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (i: number) => Number(fields[i]);
  return { ppid: at(1), ticks: at(11) + at(12) + at(13) + at(14) };
}

function treeTicks(rootPid: number): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === rootPid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let total = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) total += stat.ticks;
  return total;
}

function machineTicks(): { busyTicks: number; totalTicks: number } | null {
  let line: string | undefined;
  try {
    line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  } catch {
    return null;
  }
  if (!line?.startsWith('cpu ')) return null;
  // user nice system idle iowait irq softirq steal. Only the first three are charged to processes;
  // interrupt time (much of it our own loopback traffic) and steal are left out on both sides.
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const totalTicks = user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!;
  return { busyTicks: user! + nice! + system!, totalTicks };
}
