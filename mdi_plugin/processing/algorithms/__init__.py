"""The MDI algorithms: one module per algorithm, named after the core (or styling)
module it runs. No module here imports another one here."""
