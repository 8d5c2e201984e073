// burst: 20,000 orders and 20,000 payments at once at t=5 s, over a light steady load
// (20/s orders, 30/s payments) for 90 s (the `burst` scenario of vazao load). The burst is as sharp
// as the management API's publish endpoint allows; raise BURST_VUS to sharpen it.
import { monitorScenario, scaled, thresholds } from './lib/vazao.js';

export { setup, publishOrder, publishPayment, monitor } from './lib/vazao.js';

const LOAD_SECONDS = 90;
const BURST_VUS = Number(__ENV.BURST_VUS || '50');

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    orders_burst: {
      executor: 'shared-iterations', vus: BURST_VUS, iterations: scaled(20000), startTime: '5s',
      maxDuration: `${LOAD_SECONDS - 5}s`, exec: 'publishOrder', env: { GROUP: 'burst' },
    },
    payments_burst: {
      executor: 'shared-iterations', vus: BURST_VUS, iterations: scaled(20000), startTime: '5s',
      maxDuration: `${LOAD_SECONDS - 5}s`, exec: 'publishPayment', env: { GROUP: 'burst' },
    },
    orders: {
      executor: 'constant-arrival-rate', rate: scaled(20), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
      preAllocatedVUs: 5, maxVUs: 50, exec: 'publishOrder', env: { GROUP: 'trickle' },
    },
    payments: {
      executor: 'constant-arrival-rate', rate: scaled(30), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
      preAllocatedVUs: 5, maxVUs: 50, exec: 'publishPayment', env: { GROUP: 'trickle' },
    },
    monitor: monitorScenario(LOAD_SECONDS),
  },
  thresholds: thresholds(),
};
