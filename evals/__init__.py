"""Evaluation: scenarios, experiments, metrics."""
