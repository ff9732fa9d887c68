/**
 * Test helper run as its own process: opens the embedded database in the given directory, says
 * `ready`, and holds it until stdin closes (or it is killed).
 */
import { openDatabase } from '../../src/store/db.ts';

const db = await openDatabase({ dataDir: process.argv[2]! });
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void db.close().then(() => process.exit(0));
});
