"""Adding a bulletin: a document's text, the figures and periods in its prose, candidate rows,
the reviewer's checks, and reviewed rows appended to a package."""
