// ramp: arrivals climb from 0 to 240/s (orders) and 360/s (payments) over 60 s, hold for 30 s,
// then stop (the `ramp` scenario of vazao load).
import { monitorScenario, scaled, thresholds } from './lib/vazao.js';

export { setup, publishOrder, publishPayment, monitor } from './lib/vazao.js';

const LOAD_SECONDS = 90;

/**
 * @param {number} top
 * @param {string} exec
 * @returns {import('k6/options').Scenario}
 */
function ramp(top, exec) {
  return {
    executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s',
    preAllocatedVUs: 20, maxVUs: 400, exec, env: { GROUP: 'ramp' },
    stages: [{ target: scaled(top), duration: '60s' }, { target: scaled(top), duration: '30s' }],
  };
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    orders: ramp(240, 'publishOrder'),
    payments: ramp(360, 'publishPayment'),
    monitor: monitorScenario(LOAD_SECONDS),
  },
  thresholds: thresholds(),
};
