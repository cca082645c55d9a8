import type { ApiResponse, CloudronClient } from './client.js';

/**
 * The few Cloudron REST endpoints Slipway calls, with the shapes it reads.
 * Source: Cloudron's published API reference, docs.cloudron.io/api (OpenAPI,
 * "Cloudron API 1.0.0"): apps list/get, install (`POST /apps`; up to Cloudron
 * 8.1 it was `POST /apps/install`), update, configure/location, app backups,
 * restore, tasks, profile, domains. Fields Slipway does not read are left out.
 */
export interface CloudronManifest {
  id?: string;
  version: string;
  healthCheckPath?: string;
  httpPort?: number;
  /** Set from the image input for custom apps (`cloudron install --image`). */
  dockerImage?: string;
  [key: string]: unknown;
}

export interface CloudronApp {
  id: string;
  subdomain: string;
  domain: string;
  fqdn: string;
  manifest: CloudronManifest;
  /** installed, pending_install, pending_update, pending_restore, pending_location_change, error, … */
  installationState: string;
  /** running, stopped */
  runState: string;
  /** healthy, unhealthy, error, dead, or null before the first check */
  health: string | null;
  /** Set when installationState is error: Cloudron's reason. */
  error?: { message?: string } | null;
  taskId?: string | null;
  aliasDomains?: Array<{ subdomain: string; domain: string }>;
  redirectDomains?: Array<{ subdomain: string; domain: string }>;
  accessLevel?: string;
}

export interface CloudronBackup {
  id: string;
  /** ISO-8601 */
  creationTime: string;
  /** The app's manifest version when the backup was taken. */
  packageVersion: string;
  type?: string;
  state?: string;
}

export interface CloudronTask {
  id: string;
  type?: string;
  percent: number;
  message: string;
  active: boolean;
  pending: boolean;
  success: boolean;
  error: { message?: string; code?: string } | null;
}

export interface CloudronProfile {
  id: string;
  username: string;
  role: string;
}

export interface LocationBody {
  subdomain: string;
  domain: string;
}

export class CloudronApi {
  constructor(readonly client: CloudronClient) {}

  get origin(): string { return this.client.origin; }

  /** GET /profile: who the token belongs to (a 401 here means the token is wrong). */
  async profile(): Promise<CloudronProfile> {
    return (await this.client.get<CloudronProfile>('/profile')).body;
  }

  /** GET /domains → { domains: [{ domain }] } */
  async domains(): Promise<string[]> {
    const { body } = await this.client.get<{ domains?: Array<{ domain: string }> }>('/domains');
    return (body.domains ?? []).map((entry) => entry.domain);
  }

  /** GET /apps → { apps: [...] } */
  async apps(): Promise<CloudronApp[]> {
    return (await this.client.get<{ apps?: CloudronApp[] }>('/apps')).body.apps ?? [];
  }

  /** GET /apps/:id → the app object itself (not wrapped). */
  app(id: string): Promise<ApiResponse<CloudronApp>> {
    return this.client.get<CloudronApp>(`/apps/${encodeURIComponent(id)}`);
  }

  /** POST /apps { manifest, subdomain, domain, accessRestriction } → 202 { id, taskId } */
  async install(body: LocationBody & { manifest: CloudronManifest; accessRestriction: null }): Promise<{ id: string; taskId: string }> {
    return (await this.client.post<{ id: string; taskId: string }>('/apps', body)).body;
  }

  /** POST /apps/:id/update { manifest, skipBackup } → 202 { taskId }. Cloudron backs the app up first unless skipBackup. */
  async update(id: string, body: { manifest: CloudronManifest; skipBackup: boolean }): Promise<ApiResponse<{ taskId: string }>> {
    return this.client.post<{ taskId: string }>(`/apps/${encodeURIComponent(id)}/update`, body);
  }

  /** POST /apps/:id/configure/location { subdomain, domain, aliasDomains, redirectDomains } → 202 { taskId } */
  async moveTo(id: string, body: LocationBody & { aliasDomains: LocationBody[]; redirectDomains: LocationBody[] }): Promise<{ taskId: string }> {
    return (await this.client.post<{ taskId: string }>(`/apps/${encodeURIComponent(id)}/configure/location`, body)).body;
  }

  /** GET /apps/:id/backups → { backups: [...] } */
  async backups(id: string): Promise<CloudronBackup[]> {
    return (await this.client.get<{ backups?: CloudronBackup[] }>(`/apps/${encodeURIComponent(id)}/backups`)).body.backups ?? [];
  }

  /** POST /apps/:id/restore { backupId } → 202 { taskId } */
  async restore(id: string, backupId: string): Promise<{ taskId: string }> {
    return (await this.client.post<{ taskId: string }>(`/apps/${encodeURIComponent(id)}/restore`, { backupId })).body;
  }

  /** GET /tasks/:id → { id, percent, message, active, pending, success, error } */
  async task(id: string): Promise<CloudronTask> {
    return (await this.client.get<CloudronTask>(`/tasks/${encodeURIComponent(id)}`)).body;
  }
}
