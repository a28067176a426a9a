#!/usr/bin/env node
// Launcher only: all logic lives in dist/. main() resolves to an exit code; we set
// process.exitCode instead of calling process.exit so piped reports are never truncated.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
