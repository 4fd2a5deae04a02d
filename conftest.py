# Doctests run over the package; its __main__ would run the CLI on import.
collect_ignore = ["vvgraph/__main__.py", "vvgraph/assets"]
