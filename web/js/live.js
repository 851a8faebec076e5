// Live events over the GraphQL WebSocket (/graphql/ws, the graphql-transport-ws protocol).
// The browser sends the session cookie with the upgrade, so no token is handled here. One
// subscription at a time: a page that starts one ends the one before, and a subscription
// ends by itself when its page has left the document.

const PROTOCOL = 'graphql-transport-ws';
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];

let current = null;

/**
 * Subscribes to `query` while `owner` (the page's root node) is in the document.
 * handlers: next(data) for each event; status('live' | 'connecting' | 'offline');
 * reconnected() after a dropped connection came back (events may have been missed).
 * Returns a function that ends the subscription.
 */
export function subscribe(query, variables, owner, handlers) {
  current?.();
  let socket = null;
  let stopped = false;
  let attempt = 0;
  let everLive = false;
  let retryTimer = null;
  const watch = window.setInterval(() => {
    if (!owner.isConnected) stop();
  }, 2000);

  function status(s) {
    handlers.status?.(s);
  }

  function stop() {
    if (stopped) return;
    stopped = true;
    window.clearInterval(watch);
    window.clearTimeout(retryTimer);
    if (socket && socket.readyState <= WebSocket.OPEN) {
      try {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id: '1', type: 'complete' }));
        socket.close(1000);
      } catch {
        // already closing
      }
    }
    if (current === stop) current = null;
  }

  function connect() {
    if (stopped) return;
    status('connecting');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}/graphql/ws`, PROTOCOL);
    const ws = socket;
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    ws.addEventListener('message', (event) => {
      if (stopped || !owner.isConnected) {
        stop();
        return;
      }
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      switch (msg.type) {
        case 'connection_ack':
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
          attempt = 0;
          status('live');
          if (everLive) handlers.reconnected?.();
          everLive = true;
          break;
        case 'next':
          if (msg.payload?.data) handlers.next(msg.payload.data);
          break;
        case 'ping':
          ws.send(JSON.stringify({ type: 'pong' }));
          break;
        case 'error':
        case 'complete':
          // The server refused or ended the subscription (e.g. no longer allowed to read).
          stop();
          status('offline');
          break;
        default:
          break;
      }
    });
    ws.addEventListener('close', () => {
      if (stopped || ws !== socket) return;
      status('offline');
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      attempt += 1;
      retryTimer = window.setTimeout(connect, wait);
    });
  }

  current = stop;
  connect();
  return stop;
}
