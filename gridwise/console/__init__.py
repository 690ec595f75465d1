"""The operator console (`gridwise console`): a Chainlit chat over the scheduling graph.

Needs the `console` extra (Chainlit). Modules: `launch` (the command), `app` (Chainlit's
entry), `chat` (message and button handlers), `runner` (graph threads), `followups`,
`views` (jobs, savings), `history` (the data layer over the store), `auth`.
"""
