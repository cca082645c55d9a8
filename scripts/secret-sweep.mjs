// The last check of `npm test`: no secret the sandbox handed to the actions
// (registry password, SSH key passphrase and private keys, PostgreSQL password)
// appears anywhere in what the test run printed or what the sandbox's daemons
// logged. Per-test assertions check the logs each test captured; this sweep
// catches what slips past them (a console.log, a daemon echoing an argv).
//
// usage: node scripts/secret-sweep.mjs <sandbox.json> <file-or-dir>...
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The values to look for, with a name that is safe to print. */
function sandboxSecrets(sandbox) {
  const found = [
    ['registry password', sandbox.registries?.auth?.password],
    ['SSH key passphrase', sandbox.ssh?.passphrase],
    ['PostgreSQL password', sandbox.postgres?.password],
  ];
  // A private key leaks line by line as often as whole: look for each body line.
  for (const keyPath of [sandbox.ssh?.privateKeyPath, sandbox.ssh?.passphraseKeyPath]) {
    if (!keyPath || !fs.existsSync(keyPath)) continue;
    const body = fs.readFileSync(keyPath, 'utf8').split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
    body.forEach((line, index) => found.push([`${path.basename(keyPath)} line ${index + 2}`, line.trim()]));
  }
  return found.filter(([, value]) => typeof value === 'string' && value.length >= 8);
}

function filesUnder(target) {
  if (!fs.existsSync(target)) return [];
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) return [];
  return fs.readdirSync(target, { withFileTypes: true }).flatMap((entry) => filesUnder(path.join(target, entry.name)));
}

/** Returns "file: name" for each secret found; never the value itself. */
export function sweep(secrets, targets) {
  const hits = [];
  for (const file of targets.flatMap(filesUnder)) {
    const text = fs.readFileSync(file, 'latin1');
    for (const [name, value] of secrets) if (text.includes(value)) hits.push(`${file}: ${name}`);
  }
  return hits;
}

const [sandboxJson, ...targets] = process.argv.slice(2);
if (!sandboxJson || targets.length === 0) {
  console.error('usage: node scripts/secret-sweep.mjs <sandbox.json> <file-or-dir>...');
  process.exit(2);
}
const secrets = sandboxSecrets(JSON.parse(fs.readFileSync(sandboxJson, 'utf8')));
if (secrets.length < 3) {
  console.error(`secret sweep: ${sandboxJson} yields only ${secrets.length} secret(s); expected the registry, SSH and PostgreSQL ones`);
  process.exit(1);
}

// Prove the sweep can fail before trusting its silence: a planted copy must be found.
const canary = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-sweep-'));
fs.writeFileSync(path.join(canary, 'planted.log'), `noise ${secrets[0][1]} noise\n`);
const canaryHits = sweep([secrets[0]], [canary]);
fs.rmSync(canary, { recursive: true, force: true });
if (canaryHits.length !== 1) {
  console.error('secret sweep: a planted secret was not found; the sweep itself is broken');
  process.exit(1);
}

const files = targets.flatMap(filesUnder);
const hits = sweep(secrets, targets);
if (hits.length) {
  console.error(`secret sweep: ${hits.length} secret(s) found in logs of the test run:\n  ${hits.join('\n  ')}`);
  process.exit(1);
}
console.log(`secret sweep: none of ${secrets.length} sandbox secrets in ${files.length} log file(s) of the test run`);
