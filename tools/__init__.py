"""Deterministic tools the agents call."""
