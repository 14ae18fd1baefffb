"""The rule engine: registry, configuration, suppressions and the run itself."""
