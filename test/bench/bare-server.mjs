// Baseline for the sandbox benchmark: the smallest keep-alive JSON server Node can run.
import http from 'node:http';

const body = Buffer.from(JSON.stringify({ active_count: 35, inactive_count: 6, total_count: 41 }));
const server = http.createServer({ keepAlive: true }, (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`bare server on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
