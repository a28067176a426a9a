import { SCIM_MEDIA_TYPE } from '../../scim/urns.js';
import type { ExchangeCheck } from '../exchange-check.js';
import { hasBody, mediaTypeOf } from './response-helpers.js';

/** MEDIA-RESP-TYPE (RFC 7644 §3.1, §3.8, §8.1): bodies are JSON objects labelled application/scim+json. */
export const mediaResponseType: ExchangeCheck = {
  id: 'MEDIA-RESP-TYPE',
  appliesTo: (exchange) => exchange.response !== undefined && hasBody(exchange) && exchange.response.status !== 304,
  check(exchange) {
    const response = exchange.response!;
    const findings = [];
    if (response.truncated) {
      return [
        {
          message: 'the body exceeded the read limit and was cut; it cannot be checked',
          actual: `${response.body.length} bytes read`,
        },
      ];
    }
    const json = response.json;
    // An error's body is ERR-BODY's to judge (a JSON SCIM Error): here only its label.
    const judgesBody = response.status < 400;
    if (judgesBody && json === undefined) {
      findings.push({ message: 'the body is not JSON', actual: response.body.slice(0, 120) });
    } else if (judgesBody && (json === null || typeof json !== 'object' || Array.isArray(json))) {
      findings.push({
        message: 'the body is JSON but not an object',
        path: '$',
        actual: Array.isArray(json) ? 'array' : typeof json,
      });
    }
    const asked = exchange.request.headers.accept ?? '';
    const mediaType = mediaTypeOf(response.headers['content-type']);
    if (asked.toLowerCase().includes(SCIM_MEDIA_TYPE) && mediaType !== SCIM_MEDIA_TYPE) {
      findings.push({
        message: `Content-Type must be ${SCIM_MEDIA_TYPE} when the client asks for it`,
        expected: SCIM_MEDIA_TYPE,
        actual: response.headers['content-type'] ?? '(no Content-Type header)',
      });
    }
    return findings;
  },
};
