import type { IncomingMessage } from 'node:http';
import { acceptRequestBody } from '../graph/request-body.js';
import { recordedBodyOf } from './recorded-body.js';

/** A request as the body parser leaves it: its bytes kept, malformed JSON included. */
function received(
  contentType: string | undefined,
  body: string | Buffer,
): IncomingMessage {
  const request = {
    headers: contentType ? { 'content-type': contentType } : {},
  } as IncomingMessage;
  try {
    acceptRequestBody(request, Buffer.from(body));
  } catch {
    // A malformed JSON body is answered 400, yet recorded as sent.
  }
  return request;
}

describe('recordedBodyOf', () => {
  it('is undefined for a call without a body', () => {
    expect(recordedBodyOf(received(undefined, ''), 100)).toBeUndefined();
  });

  it('gives a JSON body as its JSON, whatever the media type’s parameters', () => {
    const body = JSON.stringify({ reason: 'On call', clientSecret: 's3cr3t' });

    expect(
      recordedBodyOf(received('application/json; charset=utf-8', body), 100),
    ).toEqual({
      contentType: 'application/json; charset=utf-8',
      bytes: Buffer.byteLength(body),
      truncated: false,
      json: { reason: 'On call', clientSecret: 's3cr3t' },
    });
  });

  it('gives malformed JSON and other UTF-8 bodies as text', () => {
    expect(
      recordedBodyOf(received('application/json', '{"reason":'), 100),
    ).toMatchObject({ text: '{"reason":', truncated: false });
    expect(recordedBodyOf(received('text/plain', 'héllo'), 100)).toEqual({
      contentType: 'text/plain',
      bytes: 6,
      truncated: false,
      text: 'héllo',
    });
  });

  it('gives bytes that are not UTF-8 as base64', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);

    expect(
      recordedBodyOf(received('application/octet-stream', bytes), 100),
    ).toEqual({
      contentType: 'application/octet-stream',
      bytes: 4,
      truncated: false,
      base64: bytes.toString('base64'),
    });
  });

  it('keeps the first bytes of a longer body, as text, without a cut character', () => {
    const body = JSON.stringify({ reason: 'ééé' });
    // {"reason":"é is 13 bytes: the 14th is the first of the second é's two.
    const recorded = recordedBodyOf(received('application/json', body), 14);

    expect(recorded).toEqual({
      contentType: 'application/json',
      bytes: Buffer.byteLength(body),
      truncated: true,
      text: '{"reason":"é',
    });
  });
});
