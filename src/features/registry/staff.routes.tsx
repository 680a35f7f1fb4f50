// The office side of the registry, by audience: a maslikhat's staff keep its deputies
// (deputies-office.routes.tsx), the secretariat keeps the Council (council-office.routes.tsx),
// administrators keep the reference data (reference.routes.tsx, areas-admin.routes.tsx). Mounted
// under /:lang; deputies' public photos are served at /files/photos (photos.routes.ts).
import type { FastifyInstance } from 'fastify';
import { definePolicies } from '../../core/auth/authorize.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { councilOfficeRoutes } from './council-office.routes.js';
import { deputyOfficeRoutes } from './deputies-office.routes.js';
import { referenceRoutes } from './reference.routes.js';
import { registryPolicies } from './registry.policies.js';
import type { RegistryService } from './registry.service.js';

export { registryPhotoRoutes } from './photos.routes.js';

export async function registryStaffRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(registryPolicies);
  await languagePrefixGuard(app);
  // Only the registry is handed on: the options also hold this plugin's own prefix.
  const { registry } = opts;
  await app.register(deputyOfficeRoutes, { registry });
  await app.register(councilOfficeRoutes, { registry });
  await app.register(referenceRoutes, { registry });
}
