"""The scheduling graph: request -> intent -> cluster agents -> coordinator -> order."""
