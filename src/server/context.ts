import type { CursorPaging } from './cursor-paging.js';
import type { ResourceService } from './resource-service.js';
import type { ScimStore } from './store.js';

/** What request handlers share: the data, the operations on it, and where the server lives. */
export interface ServerContext {
  store: ScimStore;
  service: ResourceService;
  /** Absolute base URL including the base path, without a trailing slash; set once listening. */
  baseUrl: string;
  /** Largest accepted request body outside /Bulk, in bytes. */
  maxBodyBytes: number;
  /** RFC 9865 cursor pagination: its settings and the key its cursors are sealed with. */
  cursorPaging: CursorPaging;
}
