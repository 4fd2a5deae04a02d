"""Writers of the built graph: dumps, catalog metadata, static site, publication."""
