"""checklist: rectification lists (整改清单) kept as YAML files in git."""

__version__ = "0.1.0"
