import type { AppConfig } from '../../config/app-config.js';
import { GraphResponses } from './graph-responses.js';

const address = {
  origin: 'http://127.0.0.1:3000',
  url: '/beta/things?$top=2&$skip=4&$count=true',
};

function responses(publicBaseUrl?: string): GraphResponses {
  return new GraphResponses({ publicBaseUrl } as AppConfig);
}

describe('GraphResponses', () => {
  it('links an entity to its set at the URL the request reached', () => {
    expect(responses().entity(address, 'things', { id: 'a' })).toEqual({
      '@odata.context': 'http://127.0.0.1:3000/beta/$metadata#things/$entity',
      id: 'a',
    });
  });

  it('links to the configured public URL behind a proxy, not the one reached', () => {
    const page = { value: [], nextSkipToken: 'next' };
    expect(
      responses('https://pim.example').collection(address, 'things', page),
    ).toEqual({
      '@odata.context': 'https://pim.example/beta/$metadata#things',
      '@odata.nextLink':
        'https://pim.example/beta/things?$top=2&$count=true&$skiptoken=next',
      value: [],
    });
  });

  it('counts a page when counted and gives no next link on the last one', () => {
    const page = { value: [{ id: 'a' }], count: 1 };
    expect(responses().collection(address, 'things', page)).toEqual({
      '@odata.context': 'http://127.0.0.1:3000/beta/$metadata#things',
      '@odata.count': 1,
      value: [{ id: 'a' }],
    });
  });
});
