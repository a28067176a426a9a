/**
 * What a server declares about its resources, from GET /Schemas (RFC 7643 §7) and
 * GET /ResourceTypes (RFC 7643 §6). Spec steps that write an optional attribute (`nickName`,
 * `x509Certificates`, `User.groups`, the enterprise `manager`) run only when it is declared here:
 * a server may leave out any attribute that is not required, and RFC 7643 §7 makes /Schemas the
 * place where it says which ones it keeps.
 */
export interface SchemaDeclarations {
  /** Schema URNs /ResourceTypes names (resource schemas and extensions); undefined when it could not be read. */
  resourceSchemas: ReadonlySet<string> | undefined;
  /** Whether /Schemas declares the attribute; undefined when /Schemas could not be read (or the reference is not one). */
  declaresAttribute(reference: string): boolean | undefined;
  /**
   * The endpoints (`/Roles`) of the resource types /ResourceTypes lists with this schema as their
   * core `schema` (RFC 7643 §6), in its order; undefined when /ResourceTypes could not be read.
   */
  endpointsOf(schema: string): string[] | undefined;
}

const CORE: Record<string, string> = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:User',
  Group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list a discovery endpoint answered: a ListResponse's Resources, a bare array (seen in the wild), or one resource. */
function entriesOf(body: unknown): Json[] {
  if (Array.isArray(body)) return body.filter(isObject);
  if (!isObject(body)) return [];
  if (Array.isArray(body.Resources)) return body.Resources.filter(isObject);
  return typeof body.id === 'string' ? [body] : [];
}

/**
 * `User.groups` → the core User schema and the path [groups]; `User.name.givenName` → [name,
 * givenName]; `urn:…:enterprise:2.0:User:manager` → that schema and [manager].
 */
export function parseAttributeReference(reference: string): { schema: string; path: string[] } | undefined {
  if (reference.toLowerCase().startsWith('urn:')) {
    const cut = reference.lastIndexOf(':');
    const [name, ...sub] = reference.slice(cut + 1).split('.');
    return name ? { schema: reference.slice(0, cut), path: [name, ...sub] } : undefined;
  }
  const [type, ...path] = reference.split('.');
  const schema = type === undefined ? undefined : CORE[type];
  return schema === undefined || path.length === 0 ? undefined : { schema, path };
}

/** Reads the two discovery answers (undefined for one that did not come back as 200). */
export function schemaDeclarations(schemasBody: unknown, resourceTypesBody: unknown): SchemaDeclarations {
  const schemas = new Map<string, Json[]>();
  for (const schema of entriesOf(schemasBody)) {
    if (typeof schema.id === 'string' && Array.isArray(schema.attributes))
      schemas.set(schema.id.toLowerCase(), schema.attributes.filter(isObject));
  }
  let resourceSchemas: Set<string> | undefined;
  const types = entriesOf(resourceTypesBody);
  if (resourceTypesBody !== undefined) {
    resourceSchemas = new Set();
    for (const type of types) {
      if (typeof type.schema === 'string') resourceSchemas.add(type.schema);
      for (const extension of Array.isArray(type.schemaExtensions) ? type.schemaExtensions.filter(isObject) : [])
        if (typeof extension.schema === 'string') resourceSchemas.add(extension.schema);
    }
  }
  return {
    resourceSchemas,
    endpointsOf(schema) {
      if (resourceTypesBody === undefined) return undefined;
      // Schema URNs are case-insensitive (RFC 7643 §2.1); an endpoint is a relative URI such as /Roles (§6).
      const wanted = schema.toLowerCase();
      return types
        .filter((type) => typeof type.schema === 'string' && type.schema.toLowerCase() === wanted)
        .map((type) => type.endpoint)
        .filter((endpoint): endpoint is string => typeof endpoint === 'string' && endpoint.trim() !== '')
        .map((endpoint) => (endpoint.startsWith('/') ? endpoint : `/${endpoint}`));
    },
    declaresAttribute(reference) {
      const parsed = parseAttributeReference(reference);
      if (parsed === undefined || schemas.size === 0) return undefined;
      // A /Schemas that lists schemas but not this one does not declare the attribute either.
      const attributes = schemas.get(parsed.schema.toLowerCase());
      if (attributes === undefined) return false;
      // Attribute names are case-insensitive (RFC 7643 §2.1).
      let level: Json[] = attributes;
      for (const name of parsed.path) {
        const found = level.find(
          (attribute) => typeof attribute.name === 'string' && attribute.name.toLowerCase() === name.toLowerCase(),
        );
        if (found === undefined) return false;
        level = Array.isArray(found.subAttributes) ? found.subAttributes.filter(isObject) : [];
      }
      return true;
    },
  };
}
