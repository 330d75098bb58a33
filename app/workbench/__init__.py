"""The investigators' web workbench: a single-page app built from `web/` into `static/dist/`."""
