// spike-train: 3,000-message spikes every 20 s for 120 s, orders from t=0 and payments from t=10 s,
// over a 10/s trickle on each queue (the `spike-train` scenario of vazao load).
import { monitorScenario, scaled, thresholds } from './lib/vazao.js';

export { setup, publishOrder, publishPayment, monitor } from './lib/vazao.js';

const LOAD_SECONDS = 120;
const SPIKE_EVERY = 20;
const SPIKE_VUS = Number(__ENV.SPIKE_VUS || '30');

/** @type {{ [name: string]: import('k6/options').Scenario }} */
const scenarios = {
  orders: {
    executor: 'constant-arrival-rate', rate: scaled(10), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
    preAllocatedVUs: 5, maxVUs: 20, exec: 'publishOrder', env: { GROUP: 'trickle' },
  },
  payments: {
    executor: 'constant-arrival-rate', rate: scaled(10), timeUnit: '1s', duration: `${LOAD_SECONDS}s`,
    preAllocatedVUs: 5, maxVUs: 20, exec: 'publishPayment', env: { GROUP: 'trickle' },
  },
  monitor: monitorScenario(LOAD_SECONDS),
};

for (const [kind, exec, first] of /** @type {Array<[string, string, number]>} */ ([['orders', 'publishOrder', 0], ['payments', 'publishPayment', 10]])) {
  for (let at = first; at < LOAD_SECONDS; at += SPIKE_EVERY) {
    scenarios[`${kind}_spike_${at}s`] = {
      executor: 'shared-iterations', vus: SPIKE_VUS, iterations: scaled(3000), startTime: `${at}s`,
      maxDuration: `${SPIKE_EVERY}s`, exec, env: { GROUP: `spike${at - first}` }, // payments of spike n pay the orders of spike n
    };
  }
}

/** @type {import('k6/options').Options} */
export const options = { scenarios, thresholds: thresholds() };
