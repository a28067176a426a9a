import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real third-party SCIM server for interop tests: SCIMMY (scimmyjs/scimmy) with its express
 * routers (scimmyjs/scimmy-routers), backed by the smallest in-memory store SCIMMY's
 * ingress/egress/degress handlers need. Everything SCIM-related (parsing, filters, PATCH,
 * ListResponses, errors, discovery) is SCIMMY's own; the glue only stores JSON.
 */
export interface ScimmyServer {
  baseUrl: string;
  token: string;
  close(): Promise<void>;
}

type Stored = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } };

/** A 404/409 as SCIMMY expects handlers to raise them. */
function scimError(SCIMMY: any, status: number, scimType: string | null, message: string): Error {
  return new SCIMMY.Types.Error(status, scimType, message);
}

/** Uniqueness the way RFC 7644 §5 / RFC 7643 §4.1.1 want it for userName: case-insensitive, after NFC. */
const uniqueForm = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFC')
    .toLowerCase();

/** JSON with sorted keys, so "did anything change" ignores key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function declare(
  SCIMMY: any,
  resourceType: any,
  store: Map<string, Stored>,
  uniqueKey: string,
  decorate: (record: Stored) => Stored = (record) => record,
): void {
  resourceType
    .ingress((resource: any, instance: any) => {
      const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
      delete data.id;
      delete data.meta;
      const unique = uniqueForm(data[uniqueKey]);
      const clash = [...store.values()].find(
        (other) => other.id !== resource.id && uniqueForm(other[uniqueKey]) === unique,
      );
      if (clash) throw scimError(SCIMMY, 409, 'uniqueness', `${uniqueKey} is already taken`);
      const now = new Date().toISOString();
      if (resource.id) {
        const existing = store.get(resource.id);
        if (!existing) throw scimError(SCIMMY, 404, null, `Resource ${resource.id} not found`);
        const { id: _id, meta, ...before } = existing;
        // Only a real change moves lastModified (RFC 7643 §3.1); SCIMMY writes back after every PATCH.
        const changed = canonical(before) !== canonical(data);
        const updated: Stored = {
          ...data,
          id: existing.id,
          meta: { created: meta.created, lastModified: changed ? now : meta.lastModified },
        };
        store.set(existing.id, updated);
        return updated;
      }
      const created: Stored = { ...data, id: randomUUID(), meta: { created: now, lastModified: now } };
      store.set(created.id, created);
      return created;
    })
    .egress((resource: any) => {
      if (resource.id) {
        const found = store.get(resource.id);
        if (!found) throw scimError(SCIMMY, 404, null, `Resource ${resource.id} not found`);
        return decorate(found);
      }
      const all = [...store.values()].map(decorate);
      return resource.filter ? resource.filter.match(all) : all;
    })
    .degress((resource: any) => {
      if (!store.delete(resource.id)) throw scimError(SCIMMY, 404, null, `Resource ${resource.id} not found`);
    });
}

/** Starts SCIMMY on a loopback port with bearer auth; `baseUrl` ends at the SCIM root. */
export async function startScimmyServer(token = 'scimmy-interop-token'): Promise<ScimmyServer> {
  // No type declarations ship for these packages' default exports under NodeNext; they are only test glue.
  const SCIMMY = (await import('scimmy' as string)).default;
  const SCIMMYRouters = (await import('scimmy-routers' as string)).default;
  const express = (await import('express' as string)).default;
  SCIMMY.Config.set({ patch: true, filter: 200, sort: true, bulk: false, etag: false, changePassword: false });
  const users = new Map<string, Stored>();
  const groups = new Map<string, Stored>();
  // The enterprise extension is what most deployments add; SCIMMY supports it but leaves it off by default.
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  // User.groups is read-only and derived from Group membership (RFC 7643 §4.1.2): the store computes it.
  const withGroups = (record: Stored): Stored => {
    const memberOf = [...groups.values()].filter(
      (group) =>
        Array.isArray(group.members) &&
        (group.members as { value?: string }[]).some((member) => member.value === record.id),
    );
    return memberOf.length === 0
      ? record
      : { ...record, groups: memberOf.map((group) => ({ value: group.id, display: group.displayName })) };
  };
  declare(SCIMMY, SCIMMY.Resources.declare(SCIMMY.Resources.User), users, 'userName', withGroups);
  declare(SCIMMY, SCIMMY.Resources.declare(SCIMMY.Resources.Group), groups, 'displayName');
  const app = express();
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      docUri: 'https://example.com/scim-auth',
      handler: (request: any) => {
        if (request.header('Authorization') !== `Bearer ${token}`) throw new Error('Authorization failed');
        return 'scim-check';
      },
    }),
  );
  // Outside the SCIM mount the app, not SCIMMY, answers: a SCIM-shaped 404 so probes of other
  // version segments (VER-PROTOCOL) judge SCIMMY rather than express's default HTML page.
  app.use((_request: any, response: any) => {
    response
      .status(404)
      .type('application/scim+json')
      .send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '404',
          detail: 'Not found',
        }),
      );
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
