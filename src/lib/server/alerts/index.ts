// Keyword alerts (floor 3): saved words or phrases, matched daily on new or updated ads, member
// profiles and companies with the search's French text rules and the owner's visibility rules.
export { listAlerts, createAlert, updateAlert, pauseAlert, deleteAlert } from './alerts.ts';
export { runAlerts } from './match.ts';
export { MAX_ALERTS } from './inputs.ts';
