"""Built-in rules, one module each; a module's docstring is the rule's documentation.

The order in :data:`okrlint.engine.registry.BUILTIN_MODULES` is the catalogue order.
"""
