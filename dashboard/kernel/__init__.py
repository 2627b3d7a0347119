"""The shared kernel: what the reading, adding and storing wings all stand on (the model, the schema,
the settings, problems, the words in both languages). It imports nothing from the wings."""
