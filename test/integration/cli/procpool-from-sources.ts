/** The procpool command run from the TypeScript sources (`node --import tsx`), for a test that needs a second procpool process. */
import { main } from '../../../src/main/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
