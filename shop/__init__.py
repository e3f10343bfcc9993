"""The shopper's cart and checkout over Medusa: async operations the UI states call, and the
plain rules they rely on (promo-code outcomes, address checks, error messages). No Reflex here.
"""
