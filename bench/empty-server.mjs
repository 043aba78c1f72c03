// The ceiling: a node:http server that answers every request at once, doing nothing.
import { createServer } from 'node:http';

createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(request.method === 'POST' ? 204 : 200).end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
