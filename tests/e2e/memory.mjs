// Reading a running app's memory, for RELIABILITY.md R28: the processes of one Casebook (the app
// and the WebKit processes it started) and how many copies of a text each holds, in UTF-8 and
// UTF-16. Needs ptrace rights over the processes (root, or the same user with ptrace allowed).

import { closeSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from 'node:fs';

/** Every process: pid, parent, command line and executable. */
function listProcesses() {
  const all = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      let exe = '';
      try {
        exe = readlinkSync(`/proc/${name}/exe`);
      } catch {
        // a process that went away, or a kernel thread
      }
      all.push({ pid: Number(name), ppid, cmdline, exe });
    } catch {
      // gone while listing
    }
  }
  return all;
}

/** The pid of the Casebook started with `--notebook <folder>`, and every process below it. */
export function processTree(notebookFolder) {
  const all = listProcesses();
  const root = all.find((p) => p.cmdline.includes('--notebook') && p.cmdline.includes(notebookFolder) && !/strace/.test(p.exe));
  return root ? below(all, [root]) : [];
}

/** Every process whose command line holds `marker` (a WebDriver aside), and every process below. */
export function processesMarked(marker) {
  const all = listProcesses();
  return below(all, all.filter((p) => p.cmdline.some((a) => a.includes(marker)) && !/WebKitWebDriver|strace/.test(p.exe)));
}

function below(all, roots) {
  const tree = [...roots];
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.includes(p) && tree.some((t) => t.pid === p.ppid)) {
        tree.push(p);
        grew = true;
      }
    }
  }
  return tree.map((p) => ({ pid: p.pid, name: p.exe.split('/').pop() || p.cmdline[0] }));
}

/** Copies of each text in one process's readable private memory. */
export function scanProcess(pid, texts) {
  const needles = texts.map((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
  const counts = texts.map(() => 0);
  const maps = readFileSync(`/proc/${pid}/maps`, 'utf8').trim().split('\n');
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  const chunk = 8 * 1024 * 1024;
  const overlap = 4096;
  const buffer = Buffer.alloc(chunk + overlap);
  try {
    for (const line of maps) {
      const [range, perms, , , , path = ''] = line.split(/\s+/);
      if (!perms.startsWith('r') || /\[(vvar|vsyscall|vdso)\]/.test(path)) continue;
      if (path.startsWith('/') && !perms.includes('w')) continue; // code and read-only files
      const [start, end] = range.split('-').map((h) => parseInt(h, 16));
      if (end - start > 2 * 1024 * 1024 * 1024) continue; // reservations, not data
      for (let at = start; at < end; at += chunk) {
        const len = Math.min(chunk + overlap, end - at);
        let read = 0;
        try {
          read = readSync(fd, buffer, 0, len, at);
        } catch {
          break; // an unreadable region
        }
        const view = buffer.subarray(0, read);
        // Count a match only if it starts inside this chunk (the overlap belongs to the next).
        needles.forEach(([utf8, utf16], i) => {
          for (const needle of [utf8, utf16]) {
            for (let hit = view.indexOf(needle); hit !== -1 && hit < chunk; hit = view.indexOf(needle, hit + 1)) {
              counts[i]++;
              if (process.env.CASEBOOK_MEMSCAN_DEBUG) {
                const around = view.subarray(Math.max(0, hit - 160), hit + needle.length + 160);
                console.log(`hit ${i} in ${pid} ${line}: ${JSON.stringify(around.toString('latin1'))}`);
              }
            }
          }
        });
      }
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}

/** Per process: { pid, name, counts } for each text. */
export function scanTree(notebookFolder, texts) {
  return processTree(notebookFolder).map((p) => {
    try {
      return { ...p, counts: scanProcess(p.pid, texts) };
    } catch (err) {
      return { ...p, counts: texts.map(() => 0), error: String(err) };
    }
  });
}
