/**
 * The parsing thread's entry (started by `parse-pool.ts`): reads one file per message and answers
 * with its outcome. It says `ready` once its modules are loaded, so that loading them is not
 * counted against the first file's time limit.
 */
import { parentPort } from 'node:worker_threads';
import { parseFile, type ParseJob, type ParseOutcome } from './parse.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread of parse-pool.ts, not on its own');

port.on('message', (job: ParseJob) => {
  void parseFile(job).then((outcome) => {
    try {
      port.postMessage(outcome);
    } catch (err) {
      const failed: ParseOutcome = {
        ok: false,
        reason: `the reader could not hand back its result: ${(err as Error).message}`,
        notes: [],
      };
      port.postMessage(failed);
    }
  });
});
port.postMessage('ready');
