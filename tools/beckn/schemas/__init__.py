"""gridwise's own JSON Schemas for Beckn messages (package data, one file per action)."""
