"""One module per persisted thing; only that module writes its table.

- `decisions`: decisions and their quotes (`decisions`, `quotes`)
- `catalog_items`: what each provider offered in a Beckn transaction
- `orders`: confirmed orders
- `reservations`: on-prem GPU holds, each with its time window
- `jobs`: the ordered jobs and their lifecycle on an engine (`jobs`, `job_attempts`,
  `job_events`, `launch_specs`)
- `dispatcher_runs`: the dispatcher's heartbeat and counters
- `latencies`: how long quotes and decisions took

Everyone else (graph nodes, the coordinator, the cluster agents, the CLI) calls these
functions; reads may use plain SQL, writes never do.
"""
