import { parentPort, workerData } from 'node:worker_threads';
import { OmnifeedError } from '../errors.js';
import { parseDelimited, type DelimitedEvent, type DelimitedSource } from './delimited.js';
import { WORKER_WINDOW, type WorkerMessage } from './read.js';

/**
 * Parses a CSV/TSV file on its own thread, beside the pipeline. Sends events in batches and
 * stays at most WORKER_WINDOW batches ahead.
 */
/** events a message: each message, and each credit back, costs both threads a wake-up */
const BATCH = 200;
const source = workerData as DelimitedSource;
const port = parentPort!;
let credit = WORKER_WINDOW;
let resume: (() => void) | undefined;
port.on('message', () => {
  credit++;
  resume?.();
});

const send = async (message: WorkerMessage) => {
  while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
  credit--;
  port.postMessage(message);
};

try {
  let batch: DelimitedEvent[] = [];
  for await (const event of parseDelimited(source)) {
    batch.push(event);
    if (batch.length === BATCH) {
      await send({ events: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await send({ events: batch });
  port.postMessage({ end: true } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({
    error: { code: error instanceof OmnifeedError ? error.code : undefined, message: (error as Error).message },
  } satisfies WorkerMessage);
}
port.close();
