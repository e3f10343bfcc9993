"""The local development stack: embedded Postgres, the Medusa backend and the Reflex app.

Used by `make run` and by the test command; production points env vars at managed services instead.
"""
