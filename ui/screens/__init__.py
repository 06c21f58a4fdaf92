"""One module per screen of the kiosk's stack."""
