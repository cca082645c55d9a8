import { jest } from '@jest/globals';
import { main } from '../../../src/cli/main.js';

/** Runs `slipway …` in this process as a user would, keeping what it writes to stdout and stderr apart. */
export async function slipway(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // What a pipe or a CI log gets, even when jest itself runs at a terminal (terminal.ts reads isTTY).
  const wasTty = process.stderr.isTTY;
  process.stderr.isTTY = false;
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.stderr.isTTY = wasTty;
  }
}
