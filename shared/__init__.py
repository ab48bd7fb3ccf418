"""The Lambda layer's package: every rule of lambda-tasks lives here exactly once.

Submodules are imported on demand (nothing is imported eagerly here) so that each
function loads only what its route needs: task functions never load bcrypt or the
token-signing code.
"""
