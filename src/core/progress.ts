// Progress for long CLI operations: a live line on a terminal, silence in CI and pipes.
export interface Progress {
  step(label: string, done?: number, total?: number): void;
  done(message?: string): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const live = Boolean(stream.isTTY) && !process.env.CI;
  let last = '';
  return {
    step(label, done, total) {
      if (!live) return;
      const counts = done !== undefined ? ` ${done}${total !== undefined ? `/${total}` : ''}` : '';
      const line = `  ${label}${counts}`;
      if (line === last) return;
      last = line;
      stream.write(`\r\x1b[2K${line}`);
    },
    done(message) {
      if (live && last) stream.write('\r\x1b[2K');
      last = '';
      if (message) process.stdout.write(`${message}\n`);
    },
  };
}

export const silentProgress: Progress = { step() {}, done() {} };
