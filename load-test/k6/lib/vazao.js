// Shared by the k6 scripts: seed-shaped payloads with unique ids, publishing through RabbitMQ's
// management HTTP API, and a monitor that polls vazao's status until the backlog is drained.
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import encoding from 'k6/encoding';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';

/** Settings, all from the environment (k6 run -e NAME=value). */
export const config = {
  rabbitApi: __ENV.RABBITMQ_API || 'http://127.0.0.1:15672',
  rabbitUser: __ENV.RABBITMQ_USER || 'guest',
  rabbitPassword: __ENV.RABBITMQ_PASSWORD || 'guest',
  vhost: __ENV.RABBITMQ_VHOST || '/',
  exchange: __ENV.EXCHANGE || 'business_exchange',
  vazaoUrl: __ENV.VAZAO_URL || 'http://127.0.0.1:8080',
  vazaoToken: __ENV.VAZAO_API_TOKEN || '',
  queues: (__ENV.QUEUES || 'business_queue_1,business_queue_2').split(','),
  /** Multiplies every rate and count, e.g. 0.1 on a laptop. */
  scale: Number(__ENV.SCALE || '1'),
  /** The backlog must be gone this many seconds after the load stops. */
  drainWithinSeconds: Number(__ENV.DRAIN_WITHIN || '120'),
  pollSeconds: Number(__ENV.POLL_SECONDS || '1'),
};

/** @typedef {{ queue: string, routingKey: string, type: 'order' | 'payment' }} QueueSpec */

/** @type {{ order: QueueSpec, payment: QueueSpec }} */
export const TOPOLOGY = {
  order: { queue: 'business_queue_1', routingKey: 'business.queue1', type: 'order' },
  payment: { queue: 'business_queue_2', routingKey: 'business.queue2', type: 'payment' },
};

const published = new Counter('vazao_published');
const unrouted = new Counter('vazao_publish_unrouted');
const serverErrors = new Counter('vazao_server_errors');
const backlog = new Gauge('vazao_backlog_messages');
const targetWorkers = new Gauge('vazao_target_workers');
const liveWorkers = new Gauge('vazao_live_workers');
const drainSeconds = new Trend('vazao_drain_seconds');
const drained = new Rate('vazao_drained');

/**
 * Scales a rate or a count by SCALE, keeping at least 1.
 * @param {number} n
 * @returns {number}
 */
export function scaled(n) {
  return Math.max(1, Math.round(n * config.scale));
}

/**
 * The thresholds every script ends with.
 * @returns {{ [name: string]: string[] }}
 */
export function thresholds() {
  return {
    vazao_server_errors: ['count==0'],
    vazao_publish_unrouted: ['count==0'],
    vazao_drained: ['rate==1'],
    vazao_drain_seconds: [`max<=${config.drainWithinSeconds}`],
    checks: ['rate>0.99'],
  };
}

/**
 * The scenario that watches the backlog; the load must stop by loadSeconds.
 * @param {number} loadSeconds
 * @returns {import('k6/options').Scenario}
 */
export function monitorScenario(loadSeconds) {
  return {
    executor: 'per-vu-iterations',
    vus: 1,
    iterations: 1,
    maxDuration: `${Math.ceil(loadSeconds + config.drainWithinSeconds + 30)}s`,
    exec: 'monitor',
    env: { LOAD_SECONDS: String(loadSeconds) },
  };
}

/** @typedef {{ runId: string }} SetupData */

/** @returns {SetupData} */
export function setup() {
  return { runId: __ENV.RUN_ID || Date.now().toString(36) };
}

// A small deterministic generator, so that payment n can recompute order n's total.
/**
 * @param {number} seed
 * @returns {() => number}
 */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} rnd
 * @param {T[]} items
 * @returns {T}
 */
function pick(rnd, items) {
  return items[Math.floor(rnd() * items.length)];
}

/**
 * @param {string} text
 * @returns {number}
 */
function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

const CITIES = [['New York', 'NY'], ['Los Angeles', 'CA'], ['Chicago', 'IL'], ['Houston', 'TX'], ['Phoenix', 'AZ']];
/** @type {Array<[string, number, number]>} */
const PRODUCTS = [['Laptop', 800, 2000], ['Smartphone', 400, 1200], ['Headphones', 50, 300], ['Monitor', 200, 800],
  ['Keyboard', 30, 150], ['Mouse', 20, 100], ['Tablet', 200, 1000], ['Printer', 150, 500]];

/**
 * The order with this key: the same key always gives the same order.
 * @param {string} key
 */
export function order(key) {
  const rnd = random(hash(key));
  const [city, state] = pick(rnd, CITIES);
  const [name, low, high] = pick(rnd, PRODUCTS);
  const quantity = 1 + Math.floor(rnd() * 5);
  const unitPrice = Math.round((low + rnd() * (high - low)) * 100) / 100;
  const customer = 1 + Math.floor(rnd() * 10000);
  return {
    id: `ORD-${key}`,
    type: 'order',
    timestamp: new Date(Date.now() - Math.floor(rnd() * 30 * 86400000)).toISOString(),
    data: {
      customer: {
        id: `CUST-${customer}`,
        name: `Customer ${customer}`,
        email: `customer${customer}@example.com`,
        address: { street: `${1 + Math.floor(rnd() * 999)} Main St`, city, state, zip: String(10000 + Math.floor(rnd() * 89999)) },
      },
      product: { name, quantity, unit_price: unitPrice, total: Math.round(unitPrice * quantity * 100) / 100 },
      status: pick(rnd, ['pending', 'processing', 'shipped', 'delivered']),
      shipping_method: pick(rnd, ['standard', 'express', 'overnight']),
      notes: pick(rnd, ['', 'Fragile', 'Handle with care', 'Gift wrap']),
    },
  };
}

/**
 * The payment for the order with the same key: its amount is that order's total.
 * @param {string} key
 */
export function payment(key) {
  const rnd = random(hash(`pay:${key}`));
  const installments = rnd() < 0.3 ? 1 + Math.floor(rnd() * 12) : 1;
  /** @type {{ processor: string, currency: string, installments: number, card_type: string, card_last_four?: string }} */
  const details = {
    processor: pick(rnd, ['stripe', 'paypal', 'square', 'adyen']),
    currency: pick(rnd, ['USD', 'EUR', 'GBP', 'BRL']),
    installments,
    card_type: pick(rnd, ['visa', 'mastercard', 'amex', '']),
  };
  if (rnd() < 0.7) {
    details.card_last_four = String(1000 + Math.floor(rnd() * 8999));
  }
  return {
    id: `PAY-${key}`,
    type: 'payment',
    timestamp: new Date().toISOString(),
    data: {
      order_id: `ORD-${key}`,
      amount: order(key).data.product.total,
      payment_method: pick(rnd, ['credit_card', 'debit_card', 'bank_transfer', 'paypal', 'crypto']),
      status: pick(rnd, ['pending', 'processing', 'approved', 'declined']),
      transaction_id: `TRX-${key}`,
      payment_details: details,
    },
  };
}

/**
 * Unique within a run: the run id, the scenario's GROUP and the iteration number in that scenario.
 * Orders and payments scenarios of the same GROUP number alike, so payment n pays order n.
 * @param {SetupData} data
 */
function messageKey(data) {
  const group = __ENV.GROUP || exec.scenario.name;
  return `${data.runId}-${group}-${exec.scenario.iterationInTest}`;
}

/**
 * @param {import('k6/http').RefinedResponse<any>} res
 */
function countServerError(res) {
  if (res.status >= 500) {
    serverErrors.add(1, { url: res.url });
  }
}

/**
 * Publishes one message through the management API's publish endpoint.
 * @param {QueueSpec} spec
 * @param {object} body
 * @param {string} id
 */
export function publish(spec, body, id) {
  const url = `${config.rabbitApi}/api/exchanges/${encodeURIComponent(config.vhost)}/${config.exchange}/publish`;
  const res = http.post(url, JSON.stringify({
    properties: { content_type: 'application/json', delivery_mode: 2, message_id: id },
    routing_key: spec.routingKey,
    payload: JSON.stringify(body),
    payload_encoding: 'string',
  }), {
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Basic ${encoding.b64encode(`${config.rabbitUser}:${config.rabbitPassword}`)}`,
    },
    tags: { name: 'publish', queue: spec.queue },
  });
  countServerError(res);
  const routed = res.status === 200 && res.json('routed') === true;
  check(res, { 'published and routed': () => routed });
  if (routed) {
    published.add(1, { queue: spec.queue });
  } else if (res.status === 200) {
    unrouted.add(1, { queue: spec.queue });
  }
}

/** @param {SetupData} data */
export function publishOrder(data) {
  const key = messageKey(data);
  publish(TOPOLOGY.order, order(key), `ORD-${key}`);
}

/** @param {SetupData} data */
export function publishPayment(data) {
  const key = messageKey(data);
  publish(TOPOLOGY.payment, payment(key), `PAY-${key}`);
}

/**
 * One queue of GET /api/v1/status; broker figures are null while unknown (before the first tick,
 * or when the broker could not be read).
 * @typedef {{ queue: string, ready: number | null, unacked: number | null, target: number | null,
 *             liveWorkers: number | null }} QueueStatus
 */

/**
 * One read of vazao's status: total backlog and workers of the watched queues, or null on failure.
 * The backlog is null while any watched queue's figures are unknown: unknown is not drained.
 * @returns {{ backlog: number | null, target: number, live: number } | null}
 */
export function readStatus() {
  const res = http.get(`${config.vazaoUrl}/api/v1/status`, {
    headers: { Authorization: `Bearer ${config.vazaoToken}` },
    tags: { name: 'status' },
  });
  countServerError(res);
  const ok = check(res, { 'status answered 200': (r) => r.status === 200 });
  if (!ok) {
    return null;
  }
  const body = /** @type {{ queues?: QueueStatus[] }} */ (res.json());
  const watched = (body.queues || []).filter((q) => config.queues.includes(q.queue));
  const known = watched.length === config.queues.length
    && watched.every((q) => q.ready !== null && q.unacked !== null);
  return {
    backlog: known ? watched.reduce((n, q) => n + (q.ready ?? 0) + (q.unacked ?? 0), 0) : null,
    target: watched.reduce((n, q) => n + (q.target ?? 0), 0),
    live: watched.reduce((n, q) => n + (q.liveWorkers ?? 0), 0),
  };
}

/**
 * Polls the status while the load runs and afterwards until the backlog is zero or the drain
 * deadline passes; records how long the drain took after the load stopped.
 */
export function monitor() {
  const loadSeconds = Number(__ENV.LOAD_SECONDS || '0');
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  for (;;) {
    const s = readStatus();
    if (s && s.backlog !== null) {
      backlog.add(s.backlog);
    }
    if (s) {
      targetWorkers.add(s.target);
      liveWorkers.add(s.live);
    }
    const t = elapsed();
    if (t >= loadSeconds && s && s.backlog === 0) {
      drainSeconds.add(Math.max(0, t - loadSeconds));
      drained.add(true);
      return;
    }
    if (t >= loadSeconds + config.drainWithinSeconds) {
      drainSeconds.add(t - loadSeconds);
      drained.add(false);
      return;
    }
    sleep(config.pollSeconds);
  }
}
