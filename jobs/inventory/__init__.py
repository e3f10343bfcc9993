"""Inventory sync: a stock feed (CSV: sku, quantity, optional location) applied to Medusa's
inventory levels, with stock alerts (jobs/alerts.py)."""
