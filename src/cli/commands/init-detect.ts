import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** What `slipway init` can learn from a project directory without asking. */
export interface Detected {
  dockerfile?: string;
  composeFile?: string;
  /** Compose services; the one that builds from the Dockerfile first. */
  services: string[];
  /** Path of a health endpoint (`/api/health`) and the port, from HEALTHCHECK, compose or the source. */
  healthPath?: string;
  port?: number;
  /** `ghcr.io/owner/repo` (GitHub) or `host/owner/repo` (a Forgejo/Gitea remote), lowercase. */
  image?: string;
  forge?: 'github' | 'forgejo';
  name: string;
}

const DOCKERFILES = ['Dockerfile', 'dockerfile', 'Containerfile'];
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const HEALTH_PATHS = ['/api/health', '/healthz', '/health', '/-/health', '/api/healthz', '/status'];
const SOURCE_EXTENSIONS = /\.(js|mjs|cjs|ts|py|rb|go|rs|php|java|kt|ex|sh|conf)$/;

const readSmall = (file: string): string => {
  try {
    return fs.statSync(file).size <= 256 * 1024 ? fs.readFileSync(file, 'utf8') : '';
  } catch { return ''; }
};

/** `http://127.0.0.1:$PORT/api/health` in a HEALTHCHECK or compose test → path and port. */
function healthFromText(text: string): { healthPath?: string; port?: number } {
  const match = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0)(?::(\d+|\$\{?\w+\}?))?(\/[A-Za-z0-9/_.-]*)/.exec(text);
  if (!match) return {};
  return { healthPath: match[2], ...(match[1] && /^\d+$/.test(match[1]) ? { port: Number(match[1]) } : {}) };
}

function composeServices(file: string, dockerfile?: string): string[] {
  try {
    const document = YAML.parse(readSmall(file)) as { services?: Record<string, { build?: unknown }> } | null;
    const services = Object.entries(document?.services ?? {});
    const building = services.filter(([, spec]) => spec?.build !== undefined || (dockerfile !== undefined && JSON.stringify(spec ?? {}).includes(dockerfile)));
    return [...building, ...services.filter((s) => !building.includes(s))].map(([name]) => name);
  } catch { return []; }
}

/** A few levels of the source tree, skipping dependencies and build output, for a health route. */
function healthFromSource(dir: string): string | undefined {
  const counts = new Map<string, number>();
  const walk = (at: string, depth: number) => {
    if (depth > 3) return;
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(at, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || ['node_modules', 'vendor', 'dist', 'build', 'target'].includes(entry.name)) continue;
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file, depth + 1);
      else if (SOURCE_EXTENSIONS.test(entry.name)) {
        const text = readSmall(file);
        for (const candidate of HEALTH_PATHS) if (text.includes(`'${candidate}'`) || text.includes(`"${candidate}"`) || text.includes(`${candidate} `)) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
      }
    }
  };
  walk(dir, 0);
  return HEALTH_PATHS.find((candidate) => counts.has(candidate));
}

/** The git remote, as an image name on that forge's registry. */
function imageFromRemote(dir: string): { image?: string; forge?: 'github' | 'forgejo' } {
  let remote: string;
  try {
    remote = execFileSync('git', ['-C', dir, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch { return {}; }
  const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([A-Za-z0-9.-]+)(?::\d+)?[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(remote);
  if (!match) return {};
  const [, host = '', owner = '', repo = ''] = match;
  const github = host === 'github.com';
  return { image: `${github ? 'ghcr.io' : host}/${owner}/${repo}`.toLowerCase(), forge: github ? 'github' : 'forgejo' };
}

export function detectProject(dir: string): Detected {
  const dockerfile = DOCKERFILES.find((name) => fs.existsSync(path.join(dir, name)));
  const composeFile = COMPOSE_FILES.find((name) => fs.existsSync(path.join(dir, name)));
  const services = composeFile ? composeServices(path.join(dir, composeFile), dockerfile) : [];
  const dockerText = dockerfile ? readSmall(path.join(dir, dockerfile)) : '';
  const composeText = composeFile ? readSmall(path.join(dir, composeFile)) : '';
  const healthcheck = healthFromText(dockerText.split('\n').filter((l) => /^\s*HEALTHCHECK/i.test(l)).join('\n'));
  const fromCompose = healthFromText(composeText);
  const exposed = /^\s*EXPOSE\s+(\d+)/im.exec(dockerText)?.[1] ?? /\bPORT[=:]\s*["']?(\d{2,5})/.exec(dockerText)?.[1] ?? /\bPORT[=:]\s*\$\{PORT:-(\d{2,5})\}/.exec(composeText)?.[1];
  const healthPath = healthcheck.healthPath ?? fromCompose.healthPath ?? healthFromSource(dir);
  const port = healthcheck.port ?? fromCompose.port ?? (exposed ? Number(exposed) : undefined);
  const remote = imageFromRemote(dir);
  const forge = fs.existsSync(path.join(dir, '.forgejo')) || fs.existsSync(path.join(dir, '.gitea')) ? 'forgejo' : fs.existsSync(path.join(dir, '.github')) ? 'github' : remote.forge;
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'app';
  return { dockerfile, composeFile, services, healthPath, port, image: remote.image, forge, name };
}
