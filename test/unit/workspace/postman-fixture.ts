import { Collection } from 'postman-collection';

/**
 * A Postman collection v2.1 as Postman's own SDK (postman-collection) writes it: two WebSocket
 * requests in a folder (one with a bearer token, a raw JSON body and a saved example), one HTTP
 * request that must be skipped, and collection variables. The definition is parsed by the SDK and
 * `toJSON()` gives the file Postman's tools produce.
 */
export function postmanCollectionJson(): unknown {
  const collection = new Collection({
    info: { name: 'Trading API', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [
      { key: 'wsBase', value: 'wss://stream.example.test', type: 'string' },
      { key: 'symbol', value: 'ACME', type: 'string' },
    ],
    item: [
      {
        name: 'Streams',
        item: [
          {
            name: 'Quotes',
            request: {
              url: '{{wsBase}}/quotes?symbol={{symbol}}',
              method: 'GET',
              header: [{ key: 'X-Client', value: 'postman' }, { key: 'X-Disabled', value: 'no', disabled: true }],
              auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
              body: { mode: 'raw', raw: '{"action":"subscribe","symbol":"{{symbol}}"}', options: { raw: { language: 'json' } } },
              description: 'Live quotes for one symbol.',
            },
            response: [{ name: 'Unsubscribe', originalRequest: { url: '{{wsBase}}/quotes', method: 'GET', body: { mode: 'raw', raw: '{"action":"unsubscribe"}' } }, code: 200, status: 'OK', body: '' }],
          },
          { name: 'Orders', request: { url: 'ws://127.0.0.1:9000/orders', method: 'GET', header: [{ key: 'Authorization', value: 'Bearer literal-postman-token' }] } },
        ],
      },
      { name: 'Health (HTTP)', request: { url: 'https://api.example.test/health', method: 'GET' } },
    ],
  } as never);
  return JSON.parse(JSON.stringify(collection.toJSON())) as unknown;
}
