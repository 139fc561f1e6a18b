"""storydiff: compare news sources fact by fact."""
