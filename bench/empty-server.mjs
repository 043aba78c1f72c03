// The ceiling: a node:http server that answers every request at once, doing nothing.
import { createServer } from 'node:http';

createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(request.method === 'POST' ? 204 : 200).end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1');

// Exit on the harness's SIGINT the way the service does, so that --cpu-prof writes its profile.
process.once('SIGINT', () => process.exit(0));
