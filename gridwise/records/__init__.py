"""One module per persisted thing; only that module writes its table.

- `decisions`: decisions and their quotes (`decisions`, `quotes`)
- `catalog_items`: what each provider offered in a Beckn transaction
- `orders`: confirmed orders
- `reservations`: on-prem GPU holds, each with its time window
- `jobs`: the ordered jobs and their status

Everyone else (graph nodes, the coordinator, the cluster agents, the CLI) calls these
functions; reads may use plain SQL, writes never do.
"""
