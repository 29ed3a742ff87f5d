"""Hub importers: formats, pure records, batched writers and the batch loop."""
