"""The compiled graph for `langgraph.json` (LangGraph CLI / Studio) only.

Everything else builds its own graph with `build_graph(checkpointer)`; the platform
supplies the checkpointer and the runtime context (`graphs.scheduling.context.Deps`).
"""

from graphs.scheduling.graph import build_graph

graph = build_graph()
