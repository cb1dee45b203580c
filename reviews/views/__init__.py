"""Reviews pages, one module per part; each view resolves access, parses a form, calls one service,
redirects."""
