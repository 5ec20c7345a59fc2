/** A stream progress goes to: stderr, or a stand-in in tests. */
type Stream = NodeJS.WritableStream & { isTTY?: boolean };

export interface ProgressOptions {
  /** an ora spinner here (a terminal) */
  spinner?: Stream;
  /** a heartbeat line here every `heartbeatMs` (a CI log) */
  heartbeat?: Stream;
  heartbeatMs?: number;
  /** the command: `build` */
  label: string;
}

const HEARTBEAT_MS = 30_000;

/** Run a task that reports the products it has read, showing a spinner on a terminal or a heartbeat line in a log. */
export async function withProgress<T>(options: ProgressOptions, task: (progress: (n: number) => void) => Promise<T>): Promise<T> {
  let read = 0;
  const started = Date.now();
  const beat = options.heartbeat;
  const timer = beat
    ? setInterval(() => {
        const seconds = Math.round((Date.now() - started) / 1000);
        beat.write(`omnifeed ${options.label}: still running after ${seconds} s, ${read.toLocaleString('en-US')} products read\n`);
      }, options.heartbeatMs ?? HEARTBEAT_MS)
    : undefined;
  timer?.unref();
  try {
    return await withSpinner(options.spinner, options.label, (n) => (read = n), task);
  } finally {
    clearInterval(timer);
  }
}

/** An ora spinner on `stream` while the task runs; none without a stream. */
async function withSpinner<T>(
  stream: Stream | undefined,
  label: string,
  count: (n: number) => void,
  task: (progress: (n: number) => void) => Promise<T>,
): Promise<T> {
  // a terminal that reports no width (a bare pty) sends ora's line clearing into a loop
  if (!stream || !((stream as NodeJS.WriteStream).columns > 0)) return task(count);
  const { default: ora } = await import('ora');
  const spinner = ora({ text: `${label}: reading the catalog`, stream: stream as NodeJS.WriteStream }).start();
  try {
    return await task((n) => {
      count(n);
      spinner.text = `${label}: ${n.toLocaleString('en-US')} products`;
    });
  } finally {
    spinner.stop();
  }
}
