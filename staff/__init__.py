"""The staff admin page's server side, without Reflex: staff sessions (the Medusa token stays
here), the guard every admin handler and route calls, and the plain functions behind the views
(dashboard figures, rule form validation, negotiation listing, job schedules)."""
