"""The storefront's read side of Medusa's catalog.

Today listings come straight from Medusa's Store API; the shopper issue swaps `listing.list_products`
for a Postgres read model (price sort, facets, EN/FR full-text search) without touching the UI.
"""
