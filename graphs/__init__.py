"""LangGraph wiring (see DESIGN.md)."""
