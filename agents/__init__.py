"""Agents: LLM-backed nodes of the scheduling graph (see DESIGN.md)."""
