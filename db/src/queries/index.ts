// The query layer: every SQL statement of Herald lives under db/src/queries/, one file per
// aggregate (deliveries, audience, quotas, events, journeys, journey-states, accounts, contacts,
// broadcast read models…). Each exported function takes the database (or a transaction) and
// named parameters and returns typed rows; routes, services and activities call these functions
// and never `execute(sql…)` themselves. Status sets, windows and counters are named once here.
export {};
