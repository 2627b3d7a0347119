"""The data and its stores: the package reader, the in-memory and database facts, the questions
pages ask of them, which store is served, publishing a version, and the package as a zip."""
