"""Speed figures for the kiosk (``make bench``). Measured, printed, never asserted."""
