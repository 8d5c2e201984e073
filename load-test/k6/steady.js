// steady: orders at 150/s and payments at 250/s for 60 s (the `steady` scenario of vazao load).
import { monitorScenario, scaled, thresholds } from './lib/vazao.js';

export { setup, publishOrder, publishPayment, monitor } from './lib/vazao.js';

const LOAD_SECONDS = 60;

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    orders: {
      executor: 'constant-arrival-rate', rate: scaled(150), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
      preAllocatedVUs: 20, maxVUs: 200, exec: 'publishOrder', env: { GROUP: 'steady' },
    },
    payments: {
      executor: 'constant-arrival-rate', rate: scaled(250), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
      preAllocatedVUs: 30, maxVUs: 300, exec: 'publishPayment', env: { GROUP: 'steady' },
    },
    monitor: monitorScenario(LOAD_SECONDS),
  },
  thresholds: thresholds(),
};
