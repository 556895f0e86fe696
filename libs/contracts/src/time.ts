/** A day in milliseconds (UTC days: the KPIs, queues and the simulator count whole UTC days). */
export const DAY_MS = 86_400_000;
