"""Editor content: the registry, growth, the record store, ownership, validation and skeletons."""
