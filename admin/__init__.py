"""The consular queue (its pages and API come later; its tables live in core.models)."""
