"""Authentication. Import the submodule you need: task functions must never load
`passwords` (bcrypt) or `token_issuer` (the signing path)."""
