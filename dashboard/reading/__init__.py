"""The readers' app: pages, the sections they draw, charts, widgets, words on screen, links and the
address bar. It reads data through the storing wing and never writes it."""
